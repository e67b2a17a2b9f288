package dev.tango.core.calibration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Thresholds chosen by a {@link ThresholdPolicy}, with the evidence for them.
 *
 * @param policy the policy's name, such as {@code accuracy-budget}
 * @param parameters the policy's parameters by name, in a stable order
 * @param point the chosen operating point: thresholds, point-estimate accuracy,
 * escalation fractions, estimated cost and speedup, accuracy drop
 * @param lastTierAccuracy the accuracy of the last tier answering every input alone
 * @param dropUpperBound the one-sided upper confidence bound on the accuracy drop that
 * the policy holds the choice to
 * @param constraintMet whether the policy's constraint holds at the chosen point;
 * {@code false} when it found no thresholds meeting it and fell back to escalating every
 * input
 * @param method a sentence stating how the thresholds were chosen, for people
 */
public record ThresholdChoice(String policy, Map<String, Double> parameters, OperatingPoint point,
		double lastTierAccuracy, double dropUpperBound, boolean constraintMet, String method) {

	public ThresholdChoice {
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(point, "point");
		Objects.requireNonNull(method, "method");
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Returns the chosen thresholds, one per tier but the last.
	 * @return the thresholds of the chosen point
	 */
	public List<Double> thresholds() {
		return this.point.thresholds();
	}

}
