package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One point of a calibration curve, a row of {@code calibration_points}: a
 * {@link CalibrationPoint}.
 *
 * @param gate the index of the tier whose gate is swept
 * @param threshold the threshold
 * @param accuracy the cascade's accuracy
 * @param escalation the fraction of inputs passed on past the gate
 * @param estimatedSpeedup the estimated speedup against the last tier alone
 */
@Embeddable
record PointRow(@Column(name = "gate_index", nullable = false) int gate,
		@Column(name = "threshold", nullable = false) double threshold,
		@Column(name = "accuracy", nullable = false) double accuracy,
		@Column(name = "escalation", nullable = false) double escalation,
		@Column(name = "estimated_speedup", nullable = false) double estimatedSpeedup) {

	PointRow(CalibrationPoint point) {
		this(point.gate(), point.threshold(), point.accuracy(), point.escalation(), point.estimatedSpeedup());
	}

	CalibrationPoint toView() {
		return new CalibrationPoint(this.gate, this.threshold, this.accuracy, this.escalation, this.estimatedSpeedup);
	}

}
