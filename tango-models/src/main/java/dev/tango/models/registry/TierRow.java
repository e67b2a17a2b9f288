package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.jspecify.annotations.Nullable;

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

	/** Null when the three gate columns are (the last tier has no gate). */
	@Embedded
	private @Nullable GateColumns gate;

	@Column(name = "intra_op_threads")
	private @Nullable Integer intraOpThreads;

	protected TierRow() {
	}

	TierRow(ModelVersionEntity model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis,
			@Nullable Integer intraOpThreads) {
		this.model = model;
		this.gate = GateColumns.of(gate);
		this.batchSize = batchSize;
		this.maxBatchDelayMillis = maxBatchDelayMillis;
		this.intraOpThreads = intraOpThreads;
	}

	CascadeTier toView(int index) {
		return new CascadeTier(index, this.model.toView(), (this.gate != null) ? this.gate.toView() : null,
				this.batchSize, this.maxBatchDelayMillis, this.intraOpThreads);
	}

}
