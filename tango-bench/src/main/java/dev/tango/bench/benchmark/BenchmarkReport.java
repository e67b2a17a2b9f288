package dev.tango.bench.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import dev.tango.bench.report.Markdown;

/**
 * The Markdown report of a benchmark: time per input and ratios per configuration,
 * accuracy of each variant, the tiers' costs, resident memory.
 *
 * @param title what was benchmarked
 * @param settings a sentence on the inputs, repeats and machine
 * @param tierNames the cascade's tier names, cheapest first
 * @param summaries one per configuration
 * @param memory lines on resident memory
 */
record BenchmarkReport(String title, String settings, List<String> tierNames, List<Summary> summaries,
		List<String> memory) {

	BenchmarkReport {
		tierNames = List.copyOf(tierNames);
		summaries = List.copyOf(summaries);
		memory = List.copyOf(memory);
	}

	String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("#### ").append(this.title).append("\n\n").append(this.settings).append("\n\n");
		Markdown times = new Markdown("rrrrrrrrrrrrr", "threads", "batch", "plain, arrival", "plain, sorted",
				"Tango, last tier", "Tango cascade", "overhead vs sorted", "overhead vs arrival", "speedup",
				"ideal speedup", "efficiency", "ideal by tokens", "efficiency by tokens");
		for (Summary s : this.summaries) {
			times.row(Integer.toString(s.threads()), Integer.toString(s.batchSize()), ms(s, Variant.PLAIN_IN_ORDER),
					ms(s, Variant.PLAIN_SORTED), ms(s, Variant.TANGO_LAST), ms(s, Variant.CASCADE),
					percent(s.overheadSorted()), percent(s.overheadInOrder()), ratio(s.speedup()),
					ratio(s.idealSpeedup()), number(s.efficiency()), ratio(s.idealByTokens()),
					number(s.efficiencyByTokens()));
		}
		text.append("Median milliseconds per input over the repeats; ratios are medians of the ratios within "
				+ "each repeat. The ideal speedup weighs each tier's cost alone by its share of the inputs, the "
				+ "ideal by tokens by its share of the tokens.\n\n");
		text.append(times).append('\n');
		int tiers = this.tierNames.size();
		List<String> headers = new ArrayList<>(List.of("threads", "batch"));
		for (int k = 0; k < tiers; k++) {
			headers.add("tier " + (k + 1) + " alone");
		}
		headers.add("c1 / c_last");
		for (int k = 2; k <= tiers; k++) {
			headers.add("reach tier " + k);
		}
		for (int k = 2; k <= tiers; k++) {
			headers.add("tokens tier " + k);
		}
		Markdown costs = new Markdown("r".repeat(headers.size()), headers.toArray(String[]::new));
		for (Summary s : this.summaries) {
			List<String> row = new ArrayList<>(List.of(Integer.toString(s.threads()), Integer.toString(s.batchSize())));
			for (int k = 0; k < tiers; k++) {
				row.add(ms(s, (k == tiers - 1) ? Variant.TANGO_LAST : Variant.tier(k)));
			}
			Double first = s.millisPerInput().get((tiers == 1) ? Variant.TANGO_LAST : Variant.tier(0));
			Double last = s.millisPerInput().get(Variant.TANGO_LAST);
			row.add((first != null && last != null) ? String.format(Locale.ROOT, "%.3f", first / last) : "-");
			s.reach().forEach((r) -> row.add(Markdown.percent(r)));
			s.tokenReach().forEach((r) -> row.add(share(r)));
			costs.row(row.toArray(String[]::new));
		}
		text.append("Tier costs (milliseconds per input, each tier alone) and the share of inputs, and of their "
				+ "tokens, reaching each later tier in the cascade:\n\n");
		text.append(costs).append('\n');
		text.append(profile()).append('\n');
		text.append(accuracy()).append('\n');
		if (!this.memory.isEmpty()) {
			text.append("Resident memory (VmRSS and VmHWM of /proc/self/status):\n\n");
			this.memory.forEach((line) -> text.append("- ").append(line).append('\n'));
		}
		return text.toString();
	}

	private String profile() {
		Markdown table = new Markdown("rrrrrrrr", "threads", "batch", "tier", "ms per input alone",
				"ms per input reaching it, in the cascade", "in cascade / alone", "padding alone",
				"padding in cascade");
		for (Summary s : this.summaries) {
			for (int k = 0; k < s.tiers().size(); k++) {
				Summary.TierProfile tier = s.tiers().get(k);
				table.row(Integer.toString(s.threads()), Integer.toString(s.batchSize()), Integer.toString(k + 1),
						decimals(tier.millisAlone(), 3), decimals(tier.millisInCascade(), 3),
						decimals(tier.millisInCascade() / tier.millisAlone(), 2), decimals(tier.paddingAlone(), 3),
						decimals(tier.paddingInCascade(), 3));
			}
		}
		return "Where the cascade's time goes: each tier's time per input that reached it in the cascade against "
				+ "its time per input alone (all inputs), and the padded tokens its batches ran per token of their "
				+ "inputs (medians over the repeats):\n\n" + table;
	}

	private static String share(double value) {
		return Double.isNaN(value) ? "-" : Markdown.percent(value);
	}

	private static String decimals(double value, int decimals) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private String accuracy() {
		Summary first = this.summaries.get(0);
		List<String> headers = new ArrayList<>(List.of("threads", "batch"));
		List<Variant> variants = new ArrayList<>(first.accuracy().keySet());
		variants.sort(java.util.Comparator.comparing(Variant::kind).thenComparing(Variant::tier));
		variants.forEach((v) -> headers.add(v.describe()));
		Markdown table = new Markdown("r".repeat(headers.size()), headers.toArray(String[]::new));
		for (Summary s : this.summaries) {
			List<String> row = new ArrayList<>(List.of(Integer.toString(s.threads()), Integer.toString(s.batchSize())));
			variants.forEach((v) -> row.add(accuracy(s.accuracy(), v)));
			table.row(row.toArray(String[]::new));
		}
		return "Accuracy:\n\n" + table;
	}

	private static String accuracy(Map<Variant, Double> accuracy, Variant variant) {
		Double value = accuracy.get(variant);
		return (value != null) ? Markdown.percent(value) : "-";
	}

	private static String ms(Summary s, Variant variant) {
		Double value = s.millisPerInput().get(variant);
		return (value != null) ? String.format(Locale.ROOT, "%.3f", value) : "-";
	}

	private static String percent(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * value);
	}

	private static String ratio(double value) {
		return Double.isNaN(value) ? "-" : Markdown.times(value);
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * Returns a memory figure in MiB.
	 * @param bytes the bytes, if known
	 * @return such as {@code 512 MiB}, or {@code unknown}
	 */
	static String mebibytes(OptionalLong bytes) {
		return bytes.isPresent() ? String.format(Locale.ROOT, "%,d MiB", bytes.getAsLong() / (1024 * 1024)) : "unknown";
	}

}
