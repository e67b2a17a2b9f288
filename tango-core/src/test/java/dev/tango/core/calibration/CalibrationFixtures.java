package dev.tango.core.calibration;

import java.util.Arrays;
import java.util.List;

/** Small labelled sets whose operating points are worked out by hand in the tests. */
final class CalibrationFixtures {

	private CalibrationFixtures() {
	}

	static TierPredictions tier(int[] labels, double... confidences) {
		return new TierPredictions(labels, confidences);
	}

	static LabelledPredictions labelled(int[] truth, TierPredictions... tiers) {
		return new LabelledPredictions(truth, Arrays.asList(tiers));
	}

	/**
	 * Five inputs, two tiers. The first tier is right on inputs 0, 2 and 3 with
	 * confidences 0.9, 0.6, 0.7, 0.95, 0.55; the last tier is right on all but input 4.
	 */
	static LabelledPredictions fiveInputs() {
		return labelled(new int[] { 0, 1, 0, 1, 0 }, tier(new int[] { 0, 0, 0, 1, 1 }, 0.9, 0.6, 0.7, 0.95, 0.55),
				tier(new int[] { 0, 1, 0, 1, 1 }, 0.8, 0.8, 0.8, 0.8, 0.8));
	}

	static List<Double> thresholds(double... values) {
		return Arrays.stream(values).boxed().toList();
	}

}
