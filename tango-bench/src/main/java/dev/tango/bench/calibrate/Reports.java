package dev.tango.bench.calibrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.Markdown;
import dev.tango.core.calibration.CascadeEvaluation;
import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.ThresholdSweep;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Markdown parts that calibration and evaluation reports share.
 */
final class Reports {

	private Reports() {
	}

	static String heading(LabelledRuns runs) {
		String unknown = (runs.unknownLabels() > 0) ? String.format(Locale.ROOT,
				" %d rows have labels the cascade does not know and count as wrong.", runs.unknownLabels()) : "";
		return String.format(Locale.ROOT,
				"Data: `%s` (%d rows, sha256 `%s`). Each tier ran once on every row, in length-sorted batches of "
						+ "its batch size, tiers interleaved; costs are this host's wall-clock time per input, "
						+ "ordering included.%s%n",
				runs.data().name(), runs.data().size(), runs.data().sha256(), unknown);
	}

	static Markdown tiers(LabelledRuns runs, CascadeEvaluation evaluation) {
		Markdown table = new Markdown("llrrr", "tier", "name", "accuracy alone", "batches", "cost per input");
		for (CascadeEvaluation.Tier tier : evaluation.tiers()) {
			table.row(Integer.toString(tier.index() + 1), tier.name(), Markdown.percent(tier.accuracy()),
					Integer.toString(runs.runs().get(tier.index()).batches()), Markdown.millis(tier.nanosPerInput()));
		}
		return table;
	}

	static ArrayNode tiersJson(LabelledRuns runs, CascadeEvaluation evaluation) {
		ArrayNode tiers = Json.MAPPER.createArrayNode();
		for (CascadeEvaluation.Tier tier : evaluation.tiers()) {
			ObjectNode node = tiers.addObject();
			node.put("name", tier.name());
			node.put("accuracy", round(tier.accuracy()));
			node.put("batches", runs.runs().get(tier.index()).batches());
			node.put("nanosPerInput", Math.round(tier.nanosPerInput()));
		}
		return tiers;
	}

	static ObjectNode pointJson(OperatingPoint point) {
		ObjectNode node = Json.MAPPER.createObjectNode();
		ArrayNode thresholds = node.putArray("thresholds");
		point.thresholds().forEach(thresholds::add);
		node.put("accuracy", round(point.accuracy()));
		node.put("accuracyDrop", round(point.accuracyDrop()));
		node.put("dropStandardError", round(point.dropStandardError()));
		ArrayNode reach = node.putArray("reach");
		point.escalation().forEach((e) -> reach.add(round(e)));
		node.put("estimatedSpeedup", round(point.speedup()));
		return node;
	}

	static double round(double value) {
		return Math.round(value * 1e6) / 1e6;
	}

	static String reach(List<Double> escalation) {
		if (escalation.isEmpty()) {
			return "-";
		}
		List<String> parts = new ArrayList<>();
		escalation.forEach((e) -> parts.add(Markdown.percent(e)));
		return String.join(" / ", parts);
	}

	/**
	 * Returns the points that no other point beats in both estimated speedup and
	 * accuracy, fastest first, thinned to at most {@code most} evenly spread ones (the
	 * fastest and the most accurate always kept).
	 */
	static List<OperatingPoint> front(ThresholdSweep sweep, int most) {
		List<OperatingPoint> sorted = new ArrayList<>(sweep.points());
		sorted.sort(Comparator.comparingDouble(OperatingPoint::speedup)
			.reversed()
			.thenComparing(Comparator.comparingDouble(OperatingPoint::accuracy).reversed()));
		List<OperatingPoint> front = new ArrayList<>();
		double best = -1;
		for (OperatingPoint point : sorted) {
			if (point.accuracy() > best) {
				front.add(point);
				best = point.accuracy();
			}
		}
		if (front.size() <= most) {
			return front;
		}
		List<OperatingPoint> thinned = new ArrayList<>();
		for (int i = 0; i < most; i++) {
			thinned.add(front.get((int) Math.round((double) i * (front.size() - 1) / (most - 1))));
		}
		return thinned;
	}

}
