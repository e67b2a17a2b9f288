package dev.tango.core.calibration;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.tier.Scores;

/**
 * What one tier of a cascade gave for every input of a labelled set, with the confidence
 * function its stage routes on.
 *
 * @param name the tier's name, for messages
 * @param scores one result per input, in input order
 * @param confidence the stage's activation, measure and temperature
 */
public record ScoredTier(String name, List<Scores> scores, ConfidenceFunction confidence) {

	public ScoredTier {
		Objects.requireNonNull(name, "name");
		scores = List.copyOf(scores);
		Objects.requireNonNull(confidence, "confidence");
	}

	/**
	 * Returns the predictions at a temperature.
	 * @param temperature the softmax temperature, positive
	 * @return one prediction per input
	 */
	public TierPredictions predictions(double temperature) {
		return TierPredictions.of(this.scores,
				new ConfidenceFunction(this.confidence.activation(), this.confidence.measure(), temperature));
	}

	/**
	 * Returns the logits of some inputs.
	 * @param rows the inputs' indices
	 * @return their logits, in that order
	 */
	public List<float[]> logits(int[] rows) {
		return IntStream.of(rows).mapToObj((i) -> this.scores.get(i).logits()).toList();
	}

}
