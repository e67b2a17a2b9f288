package dev.tango.bench.calibrate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.Markdown;
import dev.tango.core.calibration.AccuracyBudgetPolicy;
import dev.tango.core.calibration.ThresholdChoice;
import dev.tango.core.calibration.ThresholdSweep;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thresholds chosen for a cascade from its tiers' runs over a labelled set: the sweep
 * over candidate thresholds ({@link ThresholdSweep}, with the costs measured in the same
 * run) and the choice of an {@link AccuracyBudgetPolicy}, jointly for all thresholds.
 *
 * @param runs the tiers' runs
 * @param sweep the sweep
 * @param policy the policy
 * @param choice its choice
 */
public record Calibration(LabelledRuns runs, ThresholdSweep sweep, AccuracyBudgetPolicy policy,
		ThresholdChoice choice) {

	public Calibration {
		Objects.requireNonNull(runs, "runs");
		Objects.requireNonNull(sweep, "sweep");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(choice, "choice");
	}

	/**
	 * Sweeps and chooses.
	 * @param runs the tiers' runs
	 * @param policy the policy
	 * @param candidatesPerTier the most candidate thresholds per tier, or {@code null}
	 * for the sweep's default grid
	 * @return the calibration
	 */
	public static Calibration of(LabelledRuns runs, AccuracyBudgetPolicy policy, @Nullable Integer candidatesPerTier) {
		ThresholdSweep sweep = (candidatesPerTier != null)
				? ThresholdSweep.of(runs.predictions(), runs.costs(), candidatesPerTier)
				: ThresholdSweep.of(runs.predictions(), runs.costs());
		return new Calibration(runs, sweep, policy, policy.choose(sweep));
	}

	/**
	 * Returns the rows of the threshold curve, the chosen point marked.
	 * @return the rows
	 */
	public List<CurveFile.Row> curve() {
		return CurveFile.rows(this.sweep, this.choice.thresholds(), this.policy.confidenceLevel());
	}

	/**
	 * Returns the record of this calibration that a descriptor keeps in its
	 * {@code calibration} field.
	 * @param curve the curve file's URI, relative to the descriptor
	 * @param command the command line that calibrated
	 * @return the JSON object
	 */
	public ObjectNode record(String curve, String command) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("policy", this.choice.policy());
		this.choice.parameters().forEach(node::put);
		node.put("data", this.runs.data().name());
		node.put("dataSha256", this.runs.data().sha256());
		node.put("rows", this.runs.data().size());
		node.set("tiers", Reports.tiersJson(this.runs));
		node.put("lastTierAccuracy", Reports.round(this.choice.lastTierAccuracy()));
		node.set("chosen", Reports.pointJson(this.choice.point()));
		node.put("dropUpperBound", Reports.round(this.choice.dropUpperBound()));
		node.put("constraintMet", this.choice.constraintMet());
		node.put("method", this.choice.method());
		node.put("curve", curve);
		node.put("command", command);
		node.put("timestamp", Instant.now().toString());
		return node;
	}

	/**
	 * Returns the policy's choice and the choices at other confidence levels, in the
	 * order of {@code otherLevels}.
	 * @param otherLevels other confidence levels
	 * @return the choices, this calibration's first
	 */
	public List<ThresholdChoice> choices(List<Double> otherLevels) {
		List<ThresholdChoice> choices = new ArrayList<>();
		choices.add(this.choice);
		for (double level : otherLevels) {
			choices.add(new AccuracyBudgetPolicy(this.policy.maxDrop(), level).choose(this.sweep));
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
		node.set("tiers", Reports.tiersJson(this.runs));
		node.put("lastTierAccuracy", Reports.round(this.choice.lastTierAccuracy()));
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
	 * Returns a Markdown summary: each tier alone, the choice and its method statement,
	 * and what the policy would choose at other confidence levels.
	 * @param otherLevels confidence levels to compare, possibly none
	 * @return the summary
	 */
	public String summary(List<Double> otherLevels) {
		StringBuilder text = new StringBuilder();
		text.append(Reports.heading(this.runs)).append('\n');
		text.append(Reports.tiers(this.runs)).append('\n');
		Markdown choices = new Markdown("rlrlrrrl", "confidence level", "thresholds", "accuracy", "drop (bound)",
				"reach", "est. speedup", "points", "budget met");
		for (ThresholdChoice other : choices(otherLevels)) {
			choices.row(row(other, other.parameters().get("confidenceLevel")));
		}
		text.append(String.format(Locale.ROOT, "Accuracy budget: %s below the last tier alone.%n%n",
				Markdown.points(this.policy.maxDrop()).replace("+", "")));
		text.append(choices).append('\n');
		text.append(this.choice.method()).append('\n');
		return text.toString();
	}

	private String[] row(ThresholdChoice choice, double level) {
		return new String[] { String.format(Locale.ROOT, "%.2f", level), Markdown.thresholds(choice.thresholds()),
				Markdown.percent(choice.point().accuracy()),
				Markdown.points(choice.point().accuracyDrop()) + " (" + Markdown.points(choice.dropUpperBound()) + ")",
				Reports.reach(choice.point().escalation()), Markdown.times(choice.point().speedup()),
				Integer.toString(this.sweep.points().size()), choice.constraintMet() ? "yes" : "no (fallback)" };
	}

}
