package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One point of a calibration curve, a row of {@code calibration_points}. */
@Embeddable
class PointRow {

	@Column(name = "gate_index", nullable = false)
	private int gate;

	@Column(name = "threshold", nullable = false)
	private double threshold;

	@Column(name = "accuracy", nullable = false)
	private double accuracy;

	@Column(name = "escalation", nullable = false)
	private double escalation;

	@Column(name = "estimated_speedup", nullable = false)
	private double estimatedSpeedup;

	protected PointRow() {
	}

	PointRow(CalibrationPoint point) {
		this.gate = point.gate();
		this.threshold = point.threshold();
		this.accuracy = point.accuracy();
		this.escalation = point.escalation();
		this.estimatedSpeedup = point.estimatedSpeedup();
	}

	CalibrationPoint toView() {
		return new CalibrationPoint(this.gate, this.threshold, this.accuracy, this.escalation, this.estimatedSpeedup);
	}

}
