package dev.tango.bench.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.Markdown;
import dev.tango.core.calibration.CascadeEvaluation;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.cascade.CascadeResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evaluation of a cascade on a labelled set, as Markdown: each tier alone; the
 * cascade at its thresholds, estimated from the tiers' predictions and, when given, as
 * the engine ran it; other thresholds; the threshold curve.
 *
 * @param name the cascade's name
 * @param runs the tiers' runs over the set
 * @param sweep the sweep over the set
 * @param evaluation each tier alone and the cascade at its thresholds, as the admin's
 * evaluate job reports them
 * @param others other thresholds to evaluate
 * @param engine the engine's run of the cascade at its thresholds over the set's inputs,
 * in order, or {@code null}
 */
public record EvaluationReport(String name, LabelledRuns runs, ThresholdSweep sweep, CascadeEvaluation evaluation,
		List<List<Double>> others, @Nullable CascadeResult engine) {

	public EvaluationReport {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(evaluation, "evaluation");
		others = others.stream().map(List::copyOf).toList();
	}

	/**
	 * Returns the report.
	 * @param curvePoints the most points of the curve to list
	 * @return Markdown text
	 */
	public String markdown(int curvePoints) {
		LabelledPredictions predictions = this.runs.predictions();
		int tiers = predictions.tierCount();
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "#### Cascade `%s` on `%s`%n%n", this.name, this.runs.data().name()));
		text.append(Reports.heading(this.runs)).append('\n');
		text.append(Reports.tiers(this.runs, this.evaluation)).append('\n');
		if (tiers == 1) {
			return text.toString();
		}
		Markdown table = new Markdown("llrrlr", "cascade", "thresholds", "accuracy", "drop (s.e.)",
				"reach " + reachTitle(tiers), "est. speedup");
		table.row(point("at its thresholds, estimated", this.evaluation.point()));
		if (this.engine != null) {
			table.row(engineRow(predictions));
		}
		for (List<Double> other : this.others) {
			table.row(point("estimated", this.sweep.evaluate(other)));
		}
		text.append(table).append('\n');
		if (this.engine != null) {
			text.append(
					String.format(Locale.ROOT, "The engine run took %s per input (wall clock, one calling thread).%n%n",
							Markdown.millis((double) this.engine.nanos() / this.runs.data().size())));
		}
		List<OperatingPoint> front = Reports.front(this.sweep, curvePoints);
		text.append(String.format(Locale.ROOT,
				"Threshold curve: %d of the %d swept points that no other point beats in both estimated speedup "
						+ "and accuracy.%n%n",
				front.size(), this.sweep.points().size()));
		Markdown curve = new Markdown("lrrlr", "thresholds", "accuracy", "drop (s.e.)", "reach " + reachTitle(tiers),
				"est. speedup");
		for (OperatingPoint point : front) {
			String[] row = point("", point);
			curve.row(row[1], row[2], row[3], row[4], row[5]);
		}
		text.append(curve);
		return text.toString();
	}

	/**
	 * Returns the report's figures as JSON: each tier alone, the cascade at its
	 * thresholds and at the other thresholds (estimated), and the engine's run.
	 * @return the JSON object
	 */
	public ObjectNode json() {
		LabelledPredictions predictions = this.runs.predictions();
		ObjectNode node = Json.MAPPER.createObjectNode();
		node.put("cascade", this.name);
		node.put("data", this.runs.data().name());
		node.put("dataSha256", this.runs.data().sha256());
		node.put("rows", this.runs.data().size());
		node.put("unknownLabels", this.runs.unknownLabels());
		node.set("tiers", Reports.tiersJson(this.runs, this.evaluation));
		node.put("lastTierAccuracy", Reports.round(predictions.lastTierAccuracy()));
		if (predictions.tierCount() > 1) {
			node.set("atThresholds", Reports.pointJson(this.evaluation.point()));
			ArrayNode others = node.putArray("others");
			this.others.forEach((other) -> others.add(Reports.pointJson(this.sweep.evaluate(other))));
		}
		if (this.engine != null) {
			ObjectNode engineNode = node.putObject("engine");
			double accuracy = engineAccuracy(predictions);
			engineNode.put("accuracy", Reports.round(accuracy));
			engineNode.put("accuracyDrop", Reports.round(predictions.lastTierAccuracy() - accuracy));
			ArrayNode reach = engineNode.putArray("reach");
			engineReach().forEach((r) -> reach.add(Reports.round(r)));
			engineNode.put("nanosPerInput", Math.round((double) this.engine.nanos() / this.runs.data().size()));
		}
		return node;
	}

	private double engineAccuracy(LabelledPredictions predictions) {
		CascadeResult result = Objects.requireNonNull(this.engine);
		int n = predictions.size();
		int correct = 0;
		for (int i = 0; i < n; i++) {
			correct += (result.predictions().get(i).labelIndex() == predictions.truth(i)) ? 1 : 0;
		}
		return (double) correct / n;
	}

	private List<Double> engineReach() {
		CascadeResult result = Objects.requireNonNull(this.engine);
		List<Double> reach = new ArrayList<>();
		for (int k = 1; k < result.tiers().size(); k++) {
			reach.add((double) result.tiers().get(k).inputs() / this.runs.data().size());
		}
		return reach;
	}

	private static String reachTitle(int tiers) {
		List<String> parts = new ArrayList<>();
		for (int k = 2; k <= tiers; k++) {
			parts.add("tier " + k);
		}
		return String.join(" / ", parts);
	}

	private static String[] point(String what, OperatingPoint point) {
		return new String[] { what, Markdown.thresholds(point.thresholds()), Markdown.percent(point.accuracy()),
				drop(point.accuracyDrop(), point.dropStandardError()), Reports.reach(point.escalation()),
				Markdown.times(point.speedup()) };
	}

	private static String drop(double drop, double standardError) {
		return String.format(Locale.ROOT, "%s (%.2f)", Markdown.points(drop), 100 * standardError);
	}

	private String[] engineRow(LabelledPredictions predictions) {
		double accuracy = engineAccuracy(predictions);
		List<Double> reach = engineReach();
		return new String[] { "at its thresholds, engine run", Markdown.thresholds(this.evaluation.thresholds()),
				Markdown.percent(accuracy), Markdown.points(predictions.lastTierAccuracy() - accuracy),
				Reports.reach(reach), "-" };
	}

}
