package dev.tango.models.registry;

/**
 * One point of a calibration curve: what a threshold at one gate would give on the
 * calibration data set.
 *
 * @param gate the index of the tier whose gate is swept (0 for the first)
 * @param threshold the threshold, in {@code [0, 1]}
 * @param accuracy the cascade's accuracy, in {@code [0, 1]}
 * @param escalation the fraction of inputs passed on past the gate, in {@code [0, 1]}
 * @param estimatedSpeedup the estimated speedup against the last tier alone, positive
 */
public record CalibrationPoint(int gate, double threshold, double accuracy, double escalation,
		double estimatedSpeedup) {

}
