package dev.tango.core.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every tier's scores on every input of a labelled set, with the true labels: what a
 * {@link CalibrationPipeline} calibrates from.
 *
 * @param truth the true label index of each input, non-negative; a label no tier predicts
 * counts as wrong for every tier
 * @param tiers every tier's scores, cheapest first, each with one result per input
 */
public record LabelledScores(int[] truth, List<ScoredTier> tiers) {

	public LabelledScores {
		truth = truth.clone();
		tiers = List.copyOf(tiers);
		if (tiers.isEmpty()) {
			throw new IllegalArgumentException("Labelled scores need at least one tier");
		}
		for (ScoredTier tier : tiers) {
			if (tier.scores().size() != truth.length) {
				throw new IllegalArgumentException("Tier " + tier.name() + " has " + tier.scores().size()
						+ " scores for " + truth.length + " labelled inputs");
			}
		}
	}

	@Override
	public int[] truth() {
		return this.truth.clone();
	}

	/**
	 * Returns how many distinct true labels the inputs carry.
	 * @return the count
	 */
	public int distinctLabels() {
		return (int) Arrays.stream(this.truth).distinct().count();
	}

	/**
	 * Returns the predictions of every input with every tier at its own temperature.
	 * @return the labelled predictions
	 */
	public LabelledPredictions predictions() {
		return predictions(this.tiers.subList(0, this.tiers.size() - 1)
			.stream()
			.map((tier) -> tier.confidence().temperature())
			.toList());
	}

	/**
	 * Returns the predictions of every input with the gated tiers at these temperatures
	 * and the last tier at its own.
	 * @param temperatures the temperature of each tier but the last
	 * @return the labelled predictions
	 */
	public LabelledPredictions predictions(List<Double> temperatures) {
		int last = this.tiers.size() - 1;
		return new LabelledPredictions(this.truth,
				IntStream.rangeClosed(0, last)
					.mapToObj((k) -> this.tiers.get(k)
						.predictions((k < last) ? temperatures.get(k) : this.tiers.get(k).confidence().temperature()))
					.toList());
	}

}
