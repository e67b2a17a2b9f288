package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a cascade and each of its tiers do on a labelled set, from every tier's predictions
 * and costs over it: the figures both evaluation reports give, the admin's evaluate job
 * and the bench's {@code evaluate}, computed here once.
 *
 * @param tiers each tier alone, cheapest first
 * @param thresholds the cascade's thresholds, one per tier but the last
 * @param point the cascade at those thresholds (accuracy, escalation, estimated cost and
 * speedup, accuracy drop)
 * @param accuracyInterval the 95% Clopper–Pearson interval of the cascade's accuracy
 * @param agreementWithLastTier the share of inputs on which the cascade answers as the
 * last tier alone would
 */
public record CascadeEvaluation(List<Tier> tiers, List<Double> thresholds, OperatingPoint point,
		List<Double> accuracyInterval, double agreementWithLastTier) {

	public CascadeEvaluation {
		tiers = List.copyOf(tiers);
		thresholds = List.copyOf(thresholds);
		Objects.requireNonNull(point, "point");
		accuracyInterval = List.copyOf(accuracyInterval);
	}

	/**
	 * Evaluates a cascade.
	 * @param names each tier's name, cheapest first
	 * @param predictions every tier's predictions over the set, at least one row
	 * @param costs each tier's cost per input
	 * @param thresholds the cascade's thresholds, one per tier but the last
	 * @return the evaluation
	 * @throws IllegalArgumentException if the names, predictions, costs and thresholds do
	 * not agree on the number of tiers
	 */
	public static CascadeEvaluation of(List<String> names, LabelledPredictions predictions, TierCosts costs,
			List<Double> thresholds) {
		if (names.size() != predictions.tierCount() || thresholds.size() != names.size() - 1) {
			throw new IllegalArgumentException(names.size() + " tier names, " + predictions.tierCount()
					+ " tiers of predictions and " + thresholds.size() + " thresholds do not fit one cascade");
		}
		int n = predictions.size();
		List<Tier> tiers = new ArrayList<>();
		for (int k = 0; k < names.size(); k++) {
			tiers.add(new Tier(k, names.get(k), predictions.accuracy(k), interval(predictions.accuracy(k), n),
					costs.nanos(k)));
		}
		OperatingPoint point = ThresholdSweep.of(predictions, costs, 3).evaluate(thresholds);
		return new CascadeEvaluation(tiers, thresholds, point, interval(point.accuracy(), n),
				agreement(predictions, thresholds));
	}

	/**
	 * Returns the 95% Clopper–Pearson interval of an accuracy, as evaluation and
	 * calibration reports give it.
	 * @param accuracy the share of correct answers, in [0, 1]
	 * @param rows the number of rows it was measured on, positive
	 * @return the lower and the upper bound
	 */
	public static List<Double> interval(double accuracy, int rows) {
		long correct = Math.round(accuracy * rows);
		return List.of(Binomial.lowerBound(correct, rows, 0.975), Binomial.upperBound(correct, rows, 0.975));
	}

	private static double agreement(LabelledPredictions predictions, List<Double> thresholds) {
		int last = predictions.tierCount() - 1;
		int same = 0;
		for (int i = 0; i < predictions.size(); i++) {
			int tier = 0;
			while (tier < last && predictions.tier(tier).confidence(i) < thresholds.get(tier)) {
				tier++;
			}
			same += (predictions.tier(tier).label(i) == predictions.tier(last).label(i)) ? 1 : 0;
		}
		return (double) same / predictions.size();
	}

	/**
	 * One tier answering every input alone.
	 *
	 * @param index its position, 0 for the cheapest
	 * @param name its name
	 * @param accuracy its accuracy
	 * @param accuracyInterval the 95% Clopper–Pearson interval of its accuracy
	 * @param nanosPerInput its cost per input
	 */
	public record Tier(int index, String name, double accuracy, List<Double> accuracyInterval, double nanosPerInput) {

		public Tier {
			Objects.requireNonNull(name, "name");
			accuracyInterval = List.copyOf(accuracyInterval);
		}

	}

}
