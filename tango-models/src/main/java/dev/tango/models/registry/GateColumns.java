package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

import dev.tango.core.confidence.ConfidenceMeasure;

/**
 * The {@link Gate} of a cascade tier, stored in three columns of {@code cascade_tiers};
 * all three are null for the last tier, which has no gate.
 *
 * @param threshold the confidence threshold
 * @param measure how confidence is measured
 * @param temperature the softmax temperature
 */
@Embeddable
record GateColumns(@Column(name = "threshold") double threshold,
		@Convert(converter = ConfidenceMeasureConverter.class) @Column(
				name = "confidence_measure") ConfidenceMeasure measure,
		@Column(name = "temperature") double temperature) {

	static @Nullable GateColumns of(@Nullable Gate gate) {
		return (gate != null) ? new GateColumns(gate.threshold(), gate.measure(), gate.temperature()) : null;
	}

	Gate toView() {
		return new Gate(this.threshold, this.measure, this.temperature);
	}

}
