package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.jspecify.annotations.Nullable;

import dev.tango.core.confidence.ConfidenceMeasure;

/** One tier of a cascade version, a row of {@code cascade_tiers}. */
@Embeddable
class TierRow {

	@ManyToOne(optional = false)
	@JoinColumn(name = "model_version_id", nullable = false)
	private ModelVersionEntity model;

	@Column(name = "batch_size", nullable = false)
	private int batchSize;

	@Column(name = "max_batch_delay_ms", nullable = false)
	private int maxBatchDelayMillis;

	@Column(name = "threshold")
	private @Nullable Double threshold;

	@Convert(converter = ConfidenceMeasureConverter.class)
	@Column(name = "confidence_measure")
	private @Nullable ConfidenceMeasure confidenceMeasure;

	@Column(name = "temperature")
	private @Nullable Double temperature;

	@Column(name = "intra_op_threads")
	private @Nullable Integer intraOpThreads;

	protected TierRow() {
	}

	TierRow(ModelVersionEntity model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis,
			@Nullable Integer intraOpThreads) {
		this.model = model;
		this.batchSize = batchSize;
		this.maxBatchDelayMillis = maxBatchDelayMillis;
		this.intraOpThreads = intraOpThreads;
		if (gate != null) {
			this.threshold = gate.threshold();
			this.confidenceMeasure = gate.measure();
			this.temperature = gate.temperature();
		}
	}

	CascadeTier toView(int index) {
		Gate gate = (this.threshold != null && this.confidenceMeasure != null && this.temperature != null)
				? new Gate(this.threshold, this.confidenceMeasure, this.temperature) : null;
		return new CascadeTier(index, this.model.toView(), gate, this.batchSize, this.maxBatchDelayMillis,
				this.intraOpThreads);
	}

}
