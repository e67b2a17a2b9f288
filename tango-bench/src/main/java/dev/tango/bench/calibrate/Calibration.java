package dev.tango.bench.calibrate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.Markdown;
import dev.tango.core.calibration.CalibrationOptions;
import dev.tango.core.calibration.CalibrationOutcome;
import dev.tango.core.calibration.CalibrationPipeline;
import dev.tango.core.calibration.CalibrationSummary;
import dev.tango.core.calibration.CascadeEvaluation;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.ThresholdChoice;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.drift.DriftReference;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thresholds chosen for a cascade from its tiers' runs over a labelled set by the shared
 * {@link CalibrationPipeline} (the admin's calibrate job runs the same one): the sweep
 * over candidate thresholds (with the costs measured in the same run), the choice of a
 * policy given as the admin's calibrate job takes it ({@link PolicySpec}), jointly for
 * all thresholds, and the cross-fitted (or held-out) estimate of how that choice does on
 * rows it did not see.
 *
 * @param runs the tiers' runs
 * @param policy the policy, valid
 * @param outcome what the pipeline chose and found
 */
public record Calibration(LabelledRuns runs, PolicySpec policy, CalibrationOutcome outcome) {

	public Calibration {
		Objects.requireNonNull(runs, "runs");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(outcome, "outcome");
	}

	/**
	 * Calibrates.
	 * @param runs the tiers' runs
	 * @param policy the policy
	 * @param options the pipeline's options
	 * @return the calibration
	 * @throws IllegalArgumentException if the policy is invalid or the runs cannot be
	 * calibrated, saying why
	 */
	public static Calibration of(LabelledRuns runs, PolicySpec policy, CalibrationOptions options) {
		return new Calibration(runs, policy,
				CalibrationPipeline.calibrate(runs.scores(), runs.costs(), policy.toPolicy(), options));
	}

	/**
	 * Returns the sweep over the rows the thresholds were chosen on.
	 * @return the sweep
	 */
	public ThresholdSweep sweep() {
		return this.outcome.sweep();
	}

	/**
	 * Returns the policy's choice.
	 * @return the choice
	 */
	public ThresholdChoice choice() {
		return this.outcome.choice();
	}

	/**
	 * Returns the summary that the admin's calibrate job reports for the same data and
	 * policy.
	 * @return the summary
	 */
	public CalibrationSummary summary() {
		return CalibrationSummary.of(this.outcome);
	}

	/**
	 * Returns each tier alone and the cascade at the chosen thresholds.
	 * @return the evaluation
	 */
	public CascadeEvaluation evaluation() {
		return this.runs.evaluate(choice().thresholds());
	}

	/**
	 * Returns the rows of the threshold curve, the chosen point marked.
	 * @return the rows
	 */
	public List<CurveFile.Row> curve() {
		return CurveFile.rows(sweep(), choice().thresholds(), this.policy.boundLevel());
	}

	/**
	 * Returns the record of this calibration that a descriptor keeps in its
	 * {@code calibration} field, with the chosen point's label shares per tier (in the
	 * labels' order, a tier that answered none empty) for the drift watch.
	 * @param curve the curve file's URI, relative to the descriptor
	 * @param command the command line that calibrated
	 * @return the JSON object
	 */
	public ObjectNode record(String curve, String command) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("policy", choice().policy());
		choice().parameters().forEach(node::put);
		node.put("data", this.runs.data().name());
		node.put("dataSha256", this.runs.data().sha256());
		node.put("rows", this.runs.data().size());
		node.set("tiers", Reports.tiersJson(this.runs, evaluation()));
		node.put("lastTierAccuracy", Reports.round(choice().lastTierAccuracy()));
		ObjectNode chosen = Reports.pointJson(choice().point());
		ArrayNode labelShares = chosen.putArray("labelShares");
		DriftReference.of(this.outcome.predictions(), choice().thresholds(), this.runs.labels().size())
			.labelShares()
			.forEach((tier) -> {
				ArrayNode shares = labelShares.addArray();
				tier.forEach((share) -> shares.add(Reports.round(share)));
			});
		node.set("chosen", chosen);
		node.put("dropUpperBound", Reports.round(choice().dropUpperBound()));
		node.put("constraintMet", choice().constraintMet());
		node.put("method", choice().method());
		node.put("curve", curve);
		node.put("command", command);
		node.put("timestamp", Instant.now().toString());
		return node;
	}

	/**
	 * Returns the policy's choice and the choices at other confidence levels of its bound
	 * ({@link PolicySpec#withBoundLevel}), in the order of {@code otherLevels}.
	 * @param otherLevels other confidence levels
	 * @return the choices, this calibration's first
	 */
	public List<ThresholdChoice> choices(List<Double> otherLevels) {
		List<ThresholdChoice> choices = new ArrayList<>();
		choices.add(choice());
		for (double level : otherLevels) {
			choices.add(this.policy.withBoundLevel(level).toPolicy().choose(sweep()));
		}
		return choices;
	}

	/**
	 * Returns the figures of {@link #summary} as JSON: each tier alone and every choice.
	 * @param otherLevels other confidence levels
	 * @return the JSON object
	 */
	public ObjectNode summaryJson(List<Double> otherLevels) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("data", this.runs.data().name());
		node.put("dataSha256", this.runs.data().sha256());
		node.put("rows", this.runs.data().size());
		node.set("tiers", Reports.tiersJson(this.runs, evaluation()));
		node.put("lastTierAccuracy", Reports.round(choice().lastTierAccuracy()));
		ObjectNode heldOut = Json.MAPPER.valueToTree(summary().heldOut());
		heldOut.put("validation", summary().validation());
		node.set("heldOut", heldOut);
		ArrayNode choices = node.putArray("choices");
		for (ThresholdChoice other : choices(otherLevels)) {
			ObjectNode entry = choices.addObject();
			other.parameters().forEach(entry::put);
			entry.setAll(Reports.pointJson(other.point()));
			entry.put("dropUpperBound", Reports.round(other.dropUpperBound()));
			entry.put("constraintMet", other.constraintMet());
			entry.put("method", other.method());
		}
		return node;
	}

	/**
	 * Returns a Markdown summary: each tier alone, what the policy chooses at its
	 * confidence level and at the other levels, then the {@link CalibrationSummary#text()
	 * summary} that the admin's calibrate job reports too.
	 * @param otherLevels confidence levels to compare, possibly none
	 * @return the summary
	 */
	public String summary(List<Double> otherLevels) {
		StringBuilder text = new StringBuilder();
		text.append(Reports.heading(this.runs)).append('\n');
		text.append(Reports.tiers(this.runs, evaluation())).append('\n');
		Markdown choices = new Markdown("rlrlrrrl", "confidence level", "thresholds", "accuracy", "drop (bound)",
				"reach", "est. speedup", "points", "budget met");
		List<ThresholdChoice> all = choices(otherLevels);
		for (int i = 0; i < all.size(); i++) {
			choices.row(row(all.get(i), (i == 0) ? this.policy.boundLevel() : otherLevels.get(i - 1)));
		}
		text.append(choices).append('\n');
		text.append(summary().text());
		return text.toString();
	}

	private String[] row(ThresholdChoice choice, double level) {
		return new String[] { String.format(Locale.ROOT, "%.2f", level), Markdown.thresholds(choice.thresholds()),
				Markdown.percent(choice.point().accuracy()),
				Markdown.points(choice.point().accuracyDrop()) + " (" + Markdown.points(choice.dropUpperBound()) + ")",
				Reports.reach(choice.point().escalation()), Markdown.times(choice.point().speedup()),
				Integer.toString(sweep().points().size()), choice.constraintMet() ? "yes" : "no (fallback)" };
	}

}
