package dev.tango.bench.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The medians and ratios of one configuration (threads, batch size) of a benchmark.
 * Ratios are computed within each repeat, from runs made back to back, and their median
 * over the repeats is reported; a ratio whose runs are missing is NaN.
 *
 * <ul>
 * <li>{@code overheadSorted}: Tango's last tier alone against the plain ONNX Runtime loop
 * with length-sorted batches, {@code t(Tango) / t(plain) − 1};</li>
 * <li>{@code overheadInOrder}: the same against the plain loop in arrival order;</li>
 * <li>{@code speedup}: the cascade against Tango's last tier alone;</li>
 * <li>{@code idealSpeedup}: {@code c_last / (c1 + e1·c2 + e1e2·c3 …)}, each tier's cost
 * {@code c_k} its time alone per input in the same repeat and {@code e} the shares of
 * inputs that reached the later tiers in the cascade's run;</li>
 * <li>{@code efficiency}: {@code speedup / idealSpeedup}.</li>
 * </ul>
 *
 * @param threads ONNX Runtime intra-op threads
 * @param batchSize the batch size
 * @param millisPerInput the median time per input of each variant, in milliseconds
 * @param accuracy the accuracy of each variant (its first run)
 * @param reach the median share of inputs reaching each tier after the first
 * @param overheadSorted the engine's overhead against the sorted plain loop
 * @param overheadInOrder the engine's overhead against the plain loop in arrival order
 * @param speedup the cascade's speedup
 * @param idealSpeedup the bound on the speedup from the tiers' costs
 * @param efficiency speedup over its bound
 */
record Summary(int threads, int batchSize, Map<Variant, Double> millisPerInput, Map<Variant, Double> accuracy,
		List<Double> reach, double overheadSorted, double overheadInOrder, double speedup, double idealSpeedup,
		double efficiency) {

	Summary {
		millisPerInput = Map.copyOf(millisPerInput);
		accuracy = Map.copyOf(accuracy);
		reach = List.copyOf(reach);
	}

	/**
	 * Summarises measurements, one summary per configuration in the order first measured.
	 * @param measurements the measurements
	 * @param tiers the number of tiers of the cascade
	 * @return the summaries
	 */
	static List<Summary> of(List<Measurement> measurements, int tiers) {
		Map<List<Integer>, List<Measurement>> cells = new LinkedHashMap<>();
		for (Measurement m : measurements) {
			cells.computeIfAbsent(List.of(m.threads(), m.batchSize()), (key) -> new ArrayList<>()).add(m);
		}
		List<Summary> summaries = new ArrayList<>();
		cells.forEach((key, cell) -> summaries.add(summarise(key.get(0), key.get(1), cell, tiers)));
		return summaries;
	}

	private static Summary summarise(int threads, int batchSize, List<Measurement> cell, int tiers) {
		Map<Variant, List<Double>> times = new LinkedHashMap<>();
		Map<Variant, Double> accuracy = new LinkedHashMap<>();
		Map<Integer, Map<Variant, Measurement>> byRepeat = new LinkedHashMap<>();
		for (Measurement m : cell) {
			times.computeIfAbsent(m.variant(), (v) -> new ArrayList<>()).add(m.nanosPerInput() / 1e6);
			accuracy.putIfAbsent(m.variant(), m.accuracy());
			byRepeat.computeIfAbsent(m.repeat(), (r) -> new LinkedHashMap<>()).put(m.variant(), m);
		}
		Map<Variant, Double> medians = new LinkedHashMap<>();
		times.forEach((variant, values) -> medians.put(variant, median(values)));
		List<Map<Variant, Measurement>> repeats = List.copyOf(byRepeat.values());
		List<Double> reach = new ArrayList<>();
		for (int k = 0; k < tiers - 1; k++) {
			int index = k;
			reach.add(median(repeats,
					(r) -> has(r, Variant.CASCADE) ? r.get(Variant.CASCADE).reach().get(index) : Double.NaN));
		}
		double overheadSorted = median(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.PLAIN_SORTED) - 1);
		double overheadInOrder = median(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.PLAIN_IN_ORDER) - 1);
		double speedup = median(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.CASCADE));
		double ideal = median(repeats, (r) -> ideal(r, tiers));
		double efficiency = median(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.CASCADE) / ideal(r, tiers));
		return new Summary(threads, batchSize, medians, accuracy, reach, overheadSorted, overheadInOrder, speedup,
				ideal, efficiency);
	}

	private static double ideal(Map<Variant, Measurement> repeat, int tiers) {
		if (!has(repeat, Variant.TANGO_LAST) || !has(repeat, Variant.CASCADE)) {
			return Double.NaN;
		}
		List<Double> reach = repeat.get(Variant.CASCADE).reach();
		double last = repeat.get(Variant.TANGO_LAST).nanosPerInput();
		double cost = 0;
		for (int k = 0; k < tiers; k++) {
			Variant alone = (k == tiers - 1) ? Variant.TANGO_LAST : Variant.tier(k);
			if (!has(repeat, alone)) {
				return Double.NaN;
			}
			double share = (k == 0) ? 1 : reach.get(k - 1);
			cost += share * repeat.get(alone).nanosPerInput();
		}
		return last / cost;
	}

	private static boolean has(Map<Variant, Measurement> repeat, Variant variant) {
		return repeat.containsKey(variant);
	}

	private static double ratio(Map<Variant, Measurement> repeat, Variant numerator, Variant denominator) {
		if (!has(repeat, numerator) || !has(repeat, denominator)) {
			return Double.NaN;
		}
		return (double) repeat.get(numerator).nanos() / repeat.get(denominator).nanos();
	}

	private static double median(List<Map<Variant, Measurement>> repeats,
			ToDoubleFunction<Map<Variant, Measurement>> value) {
		return median(repeats.stream().map(value::applyAsDouble).toList());
	}

	/**
	 * Returns the median of values, the mean of the middle two for an even count; NaN if
	 * any value is NaN or there are none.
	 * @param values the values
	 * @return the median
	 */
	static double median(List<Double> values) {
		if (values.isEmpty() || values.stream().anyMatch((v) -> Double.isNaN(Objects.requireNonNull(v)))) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
