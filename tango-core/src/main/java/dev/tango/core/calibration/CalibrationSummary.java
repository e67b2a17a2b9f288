package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a calibration chose and how its choice is expected to do, in the one shape that
 * every door reports it in (the admin's calibrate job and the bench's {@code calibrate}):
 * the chosen thresholds, each tier's share of the rows reaching it, the accuracy against
 * the last tier alone and the estimated speedup on the rows the thresholds were chosen
 * on, the same out of sample (cross-fitted or on a held-out part), and whether the
 * policy's budget was met. Built from a {@link CalibrationOutcome} alone, so the same
 * data and policy give the same summary through either door; {@link #text()} renders it.
 *
 * @param policy the policy's name, such as {@code accuracy-budget}
 * @param parameters the policy's parameters by name, in a stable order
 * @param method how the policy chose, a sentence for people
 * @param budgetMet whether the policy's constraint holds at the chosen point;
 * {@code false} when it fell back to escalating every input
 * @param thresholds the chosen threshold of each gate, cheapest tier first
 * @param dropUpperBound the upper confidence bound on the accuracy drop that the policy
 * held the choice to
 * @param validation how the out-of-sample figures were made, such as
 * {@code 10-fold cross-fitting}
 * @param chosenOnRows how many rows the thresholds were chosen on
 * @param chosen the chosen point on the rows it was chosen on, which flatter it
 * @param heldOut how the chosen thresholds do on rows the choice did not see
 */
public record CalibrationSummary(String policy, Map<String, Double> parameters, String method, boolean budgetMet,
		List<Double> thresholds, double dropUpperBound, String validation, int chosenOnRows, Point chosen,
		HeldOut heldOut) {

	public CalibrationSummary {
		Objects.requireNonNull(policy, "policy");
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		Objects.requireNonNull(method, "method");
		thresholds = List.copyOf(thresholds);
		Objects.requireNonNull(validation, "validation");
		Objects.requireNonNull(chosen, "chosen");
		Objects.requireNonNull(heldOut, "heldOut");
	}

	/**
	 * Summarises what a calibration pipeline chose and found.
	 * @param outcome the pipeline's outcome
	 * @return the summary
	 */
	public static CalibrationSummary of(CalibrationOutcome outcome) {
		ThresholdChoice choice = outcome.choice();
		OperatingPoint point = choice.point();
		return new CalibrationSummary(choice.policy(), choice.parameters(), choice.method(), choice.constraintMet(),
				choice.thresholds(), choice.dropUpperBound(), outcome.partition().describe(),
				outcome.partition().choosing().length, new Point(point.accuracy(), choice.lastTierAccuracy(),
						point.escalation(), point.speedup(), point.accuracyDrop()),
				HeldOut.of(outcome.heldOut()));
	}

	/**
	 * Renders the summary for people: the policy and its thresholds, the figures on the
	 * rows they were chosen on and out of sample, a warning where the thresholds are
	 * estimated, out of sample, slower than the last tier alone or past an accuracy
	 * budget's drop, and the policy's method statement.
	 * @return lines of text, each ending with a line break
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "Policy %s %s: thresholds %s; %s.%n", this.policy, this.parameters,
				thresholds(this.thresholds),
				this.budgetMet ? "budget met" : "budget not met, every input escalated (fallback)"));
		text.append(String.format(Locale.ROOT, "Chosen on %d rows: %s (drop bound %s).%n", this.chosenOnRows,
				this.chosen.describe(), points(this.dropUpperBound)));
		text.append(String.format(Locale.ROOT, "Out of sample (%s, %d rows): %s; drop standard error %s.%n",
				this.validation, this.heldOut.rows(), this.heldOut.point().describe(),
				points(this.heldOut.dropStandardError())));
		text.append(this.heldOut.note()).append('.').append(System.lineSeparator());
		double speedup = this.heldOut.point().estimatedSpeedup();
		if (speedup < 1) {
			text.append(String.format(Locale.ROOT,
					"Warning: out of sample these thresholds are estimated at %.2fx the speed of the last tier "
							+ "alone: serving that tier alone would be faster.%n",
					speedup));
		}
		Double maxDrop = this.parameters.get("maxDrop");
		double drop = this.heldOut.point().accuracyDrop();
		if (maxDrop != null && drop > maxDrop) {
			text.append(String.format(Locale.ROOT,
					"Warning: out of sample the accuracy drop is estimated at %s (standard error %s), over the "
							+ "budget of %s: on new inputs these thresholds may lose more than the budget; "
							+ "calibrate on more labelled rows, or at a higher confidence level.%n",
					points(drop), points(this.heldOut.dropStandardError()), points(maxDrop)));
		}
		text.append(this.method).append(System.lineSeparator());
		return text.toString();
	}

	/**
	 * Returns one sentence for a cascade version's description: the policy and the
	 * out-of-sample figures.
	 * @return the sentence, without a final full stop
	 */
	public String sentence() {
		Point point = this.heldOut.point();
		return String.format(Locale.ROOT,
				"%s policy; held-out accuracy %s (%s; last tier alone %s), reach %s, estimated speedup %.2fx",
				this.policy, percent(point.accuracy()), this.validation, percent(point.lastTierAccuracy()),
				shares(point.reach()), point.estimatedSpeedup());
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
	}

	static String points(double fraction) {
		return String.format(Locale.ROOT, "%+.2f pt", 100 * fraction);
	}

	static String thresholds(List<Double> thresholds) {
		List<String> parts = new ArrayList<>();
		thresholds.forEach((t) -> parts.add(String.format(Locale.ROOT, "%.4f", t)));
		return thresholds.isEmpty() ? "none" : String.join(", ", parts);
	}

	static String shares(List<Double> reach) {
		List<String> parts = new ArrayList<>();
		reach.forEach((share) -> parts.add(percent(share)));
		return String.join(" / ", parts);
	}

	/**
	 * An operating point of the cascade.
	 *
	 * @param accuracy the cascade's accuracy, in {@code [0, 1]}
	 * @param lastTierAccuracy the accuracy of the last tier answering every row alone
	 * @param escalation for each gate, the share of all rows passed on past it
	 * @param estimatedSpeedup the estimated speedup against the last tier alone
	 * @param accuracyDrop {@code lastTierAccuracy − accuracy}
	 */
	public record Point(double accuracy, double lastTierAccuracy, List<Double> escalation, double estimatedSpeedup,
			double accuracyDrop) {

		public Point {
			escalation = List.copyOf(escalation);
		}

		/**
		 * Returns each tier's share of the rows: the share that reaches it, 1 for the
		 * first tier.
		 * @return one share per tier, cheapest first
		 */
		public List<Double> reach() {
			List<Double> reach = new ArrayList<>(this.escalation.size() + 1);
			reach.add(1.0);
			reach.addAll(this.escalation);
			return reach;
		}

		String describe() {
			return String.format(Locale.ROOT,
					"accuracy %s against %s for the last tier alone (drop %s), reach %s, estimated speedup %.2fx",
					percent(this.accuracy), percent(this.lastTierAccuracy), points(this.accuracyDrop), shares(reach()),
					this.estimatedSpeedup);
		}

	}

	/**
	 * How the chosen thresholds do on rows the choice did not see: the out-of-fold
	 * estimate of cross-fitting, each row answered with the thresholds chosen on the
	 * other folds, or the held-out part's figures.
	 *
	 * @param rows how many rows the figures are measured on
	 * @param point the operating point (with cross-fitting, of the rows each answered by
	 * the thresholds of its fold)
	 * @param dropStandardError the standard error of the accuracy drop, paired per row
	 * @param accuracyInterval the 95% Clopper–Pearson interval of the cascade's accuracy
	 * @param tierAccuracies the accuracy of each tier alone
	 * @param foldThresholds with cross-fitting, the thresholds chosen for each fold (one
	 * per gate); else empty
	 * @param note what these figures are, for people
	 */
	public record HeldOut(int rows, Point point, double dropStandardError, List<Double> accuracyInterval,
			List<Double> tierAccuracies, List<List<Double>> foldThresholds, String note) {

		public HeldOut {
			Objects.requireNonNull(point, "point");
			accuracyInterval = List.copyOf(accuracyInterval);
			tierAccuracies = List.copyOf(tierAccuracies);
			foldThresholds = foldThresholds.stream().map(List::copyOf).toList();
			Objects.requireNonNull(note, "note");
		}

		static HeldOut of(HeldOutEstimate estimate) {
			int n = estimate.size();
			String note;
			if (estimate.crossFitted()) {
				int folds = estimate.foldThresholds().size();
				note = String.format(Locale.ROOT,
						"Cross-fitted over %d folds of the %d rows: each row was scored with thresholds chosen by "
								+ "the same policy on the other %d folds, without it. The thresholds were chosen on "
								+ "all %d rows; these figures estimate how they do on new inputs like these",
						folds, n, folds - 1, n);
			}
			else {
				note = "Measured on the " + n + " held-out rows, which the choice of thresholds never saw";
			}
			Point point = new Point(estimate.accuracy(), estimate.lastTierAccuracy(), estimate.escalation(),
					estimate.speedup(), estimate.accuracyDrop());
			return new HeldOut(n, point, estimate.dropStandardError(),
					CascadeEvaluation.interval(estimate.accuracy(), n), estimate.tierAccuracies(),
					estimate.foldThresholds(), note);
		}

	}

}
