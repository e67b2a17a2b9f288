package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Labelled predictions drawn at random for property tests: tiers that are right more
 * often when they are more confident, and later tiers that are right more often.
 */
final class RandomPredictions {

	private RandomPredictions() {
	}

	static LabelledPredictions draw(RandomGenerator random, int size, int tierCount) {
		int classes = random.nextInt(2, 5);
		int[] truth = random.ints(size, 0, classes).toArray();
		List<TierPredictions> tiers = new ArrayList<>();
		for (int k = 0; k < tierCount; k++) {
			double skill = 0.5 + 0.4 * (k + 1) / tierCount;
			int[] labels = new int[size];
			double[] confidences = new double[size];
			for (int i = 0; i < size; i++) {
				// a coarse grid of confidences, so that ties occur
				confidences[i] = Math.round(random.nextDouble(1.0 / classes, 1) * 50) / 50.0;
				boolean right = random.nextDouble() < skill * confidences[i] + (1 - skill) / 2;
				labels[i] = right ? truth[i] : (truth[i] + random.nextInt(1, classes)) % classes;
			}
			tiers.add(new TierPredictions(labels, confidences));
		}
		return new LabelledPredictions(truth, tiers);
	}

}
