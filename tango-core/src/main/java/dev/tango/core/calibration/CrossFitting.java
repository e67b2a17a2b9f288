package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * K-fold cross-fitting of a threshold policy: an estimate of how the thresholds a policy
 * chooses do on inputs that the choice never saw, for which every labelled input serves
 * both to choose and to report.
 *
 * <p>
 * The inputs are split into {@code K} folds. For each fold the policy chooses thresholds
 * on the other {@code K − 1} folds, and the fold's inputs are answered with them, so
 * every input is scored with thresholds chosen without it. The estimate counts how the
 * cascade answered all inputs that way: its accuracy, escalation, cost and accuracy drop
 * against the last tier alone. It describes the policy applied to {@code (K − 1)/K} of
 * the inputs, so it estimates what thresholds chosen by the same policy on all inputs do
 * on new inputs from the same distribution, without the optimism of reporting thresholds
 * on the inputs they were chosen on.
 *
 * <p>
 * Whatever a calibration fits besides the thresholds (a temperature, say) must be fitted
 * without the fold too: the predictions of each fold are asked for separately.
 */
public final class CrossFitting {

	private CrossFitting() {
	}

	/**
	 * Cross-fits a policy.
	 * @param policy the policy
	 * @param folds the fold of each input, from 0 to {@code K − 1}, {@code K} at least 2:
	 * every fold holds an input, and every fold leaves at least two inputs to choose on
	 * @param predictions for each fold, the labelled predictions of all inputs (in the
	 * order of {@code folds}) with everything but the thresholds fitted without that
	 * fold; the same true labels and number of tiers for every fold
	 * @param costs the cost of each tier
	 * @return the out-of-fold estimate
	 * @throws IllegalArgumentException if the folds or predictions do not fit together
	 */
	public static Estimate estimate(ThresholdPolicy policy, int[] folds, IntFunction<LabelledPredictions> predictions,
			TierCosts costs) {
		return estimate(policy, folds, predictions, costs, (labelled) -> ThresholdSweep.of(labelled, costs));
	}

	/**
	 * Cross-fits a policy, sweeping each fold's choosing rows as {@code sweep} says.
	 * @param policy the policy
	 * @param folds the fold of each input, as in
	 * {@link #estimate(ThresholdPolicy, int[], IntFunction, TierCosts)}
	 * @param predictions for each fold, the labelled predictions of all inputs
	 * @param costs the cost of each tier
	 * @param sweep how the predictions a choice is made on are swept (its grid)
	 * @return the out-of-fold estimate
	 * @throws IllegalArgumentException if the folds or predictions do not fit together
	 */
	public static Estimate estimate(ThresholdPolicy policy, int[] folds, IntFunction<LabelledPredictions> predictions,
			TierCosts costs, Function<LabelledPredictions, ThresholdSweep> sweep) {
		int count = checkFolds(folds);
		int n = folds.length;
		LabelledPredictions first = predictions.apply(0);
		if (first.size() != n) {
			throw new IllegalArgumentException(first.size() + " labelled predictions for " + n + " inputs in folds");
		}
		int[][] labels = new int[first.tierCount()][n];
		double[][] confidences = new double[first.tierCount()][n];
		int[] answering = new int[n];
		List<ThresholdChoice> choices = new ArrayList<>(count);
		for (int fold = 0; fold < count; fold++) {
			LabelledPredictions fitted = (fold == 0) ? first : predictions.apply(fold);
			check(first, fitted, fold);
			int[] without = inputs(folds, fold, false);
			ThresholdChoice choice = policy.choose(sweep.apply(fitted.select(without)));
			choices.add(choice);
			for (int i : inputs(folds, fold, true)) {
				answering[i] = Tally.answering(fitted, i, choice.thresholds());
				for (int k = 0; k < labels.length; k++) {
					labels[k][i] = fitted.tier(k).label(i);
					confidences[k][i] = fitted.tier(k).confidence(i);
				}
			}
		}
		List<TierPredictions> tiers = new ArrayList<>();
		for (int k = 0; k < labels.length; k++) {
			tiers.add(new TierPredictions(labels[k], confidences[k]));
		}
		int[] truth = new int[n];
		Arrays.setAll(truth, first::truth);
		LabelledPredictions scored = new LabelledPredictions(truth, tiers);
		Tally tally = Tally.of(scored, (i) -> answering[i]);
		return new Estimate(choices, n, tally.accuracy(), scored.lastTierAccuracy(), tally.escalation(),
				tally.nanosPerInput(costs), tally.speedup(costs), tally.accuracyDrop(), tally.dropStandardError());
	}

	private static int checkFolds(int[] folds) {
		int count = Arrays.stream(folds).max().orElse(-1) + 1;
		if (count < 2) {
			throw new IllegalArgumentException("Cross-fitting needs at least two folds, was " + Math.max(count, 0));
		}
		int[] sizes = new int[count];
		for (int fold : folds) {
			if (fold < 0) {
				throw new IllegalArgumentException("A fold index is negative: " + fold);
			}
			sizes[fold]++;
		}
		for (int fold = 0; fold < count; fold++) {
			if (sizes[fold] == 0 || folds.length - sizes[fold] < 2) {
				throw new IllegalArgumentException("Fold " + fold + " of " + count + " holds " + sizes[fold] + " of "
						+ folds.length + " inputs: every fold needs an input and must leave two to choose on");
			}
		}
		return count;
	}

	private static void check(LabelledPredictions first, LabelledPredictions fitted, int fold) {
		boolean sameTruth = fitted.size() == first.size();
		for (int i = 0; sameTruth && i < first.size(); i++) {
			sameTruth = fitted.truth(i) == first.truth(i);
		}
		if (!sameTruth || fitted.tierCount() != first.tierCount()) {
			throw new IllegalArgumentException(
					"The predictions of fold " + fold + " are not of the same inputs and tiers as those of fold 0");
		}
	}

	private static int[] inputs(int[] folds, int fold, boolean in) {
		return IntStream.range(0, folds.length).filter((i) -> (folds[i] == fold) == in).toArray();
	}

	/**
	 * The out-of-fold estimate: how the cascade answers every input with the thresholds
	 * chosen on the folds without it.
	 *
	 * @param foldChoices per fold, the policy's choice on the other folds
	 * @param size the number of inputs, each scored once
	 * @param accuracy the cascade's accuracy, in {@code [0, 1]}
	 * @param lastTierAccuracy the accuracy of the last tier answering every input alone
	 * @param escalation for each tier but the last, the fraction of all inputs that go
	 * past it
	 * @param nanosPerInput the estimated cost per input, as in {@link OperatingPoint}
	 * @param speedup the cost per input of the last tier alone divided by
	 * {@code nanosPerInput}
	 * @param accuracyDrop {@code lastTierAccuracy − accuracy}: the mean over inputs of
	 * {@code d = correct(last tier alone) − correct(cascade)}
	 * @param dropStandardError the sample standard deviation of {@code d} divided by
	 * {@code √n}, treating the inputs as independent
	 */
	public record Estimate(List<ThresholdChoice> foldChoices, int size, double accuracy, double lastTierAccuracy,
			List<Double> escalation, double nanosPerInput, double speedup, double accuracyDrop,
			double dropStandardError) {

		public Estimate {
			foldChoices = List.copyOf(foldChoices);
			escalation = List.copyOf(escalation);
		}

		/**
		 * Returns the number of folds.
		 * @return at least 2
		 */
		public int folds() {
			return this.foldChoices.size();
		}

		/**
		 * Returns the thresholds chosen for each fold.
		 * @return per fold, one threshold per tier but the last
		 */
		public List<List<Double>> foldThresholds() {
			return this.foldChoices.stream().map(ThresholdChoice::thresholds).toList();
		}

	}

}
