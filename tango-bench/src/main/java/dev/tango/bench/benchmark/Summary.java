package dev.tango.bench.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tango.bench.report.Median;

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
 * <li>{@code idealByTokens}: the same bound with each later tier's share of the tokens in
 * place of its share of the inputs, {@code c_last / (c1 + t2·c2 + t3·c3 …)}, {@code t_k}
 * the tokens of the inputs that reached tier {@code k} over the tokens of all inputs (in
 * tier {@code k}'s tokens): a tier's cost follows its tokens, so when the inputs that go
 * on are longer than the average, this is the bound a cascade can reach;</li>
 * <li>{@code efficiencyByTokens}: {@code speedup / idealByTokens}.</li>
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
 * @param tokenReach the median share of tokens reaching each tier after the first
 * @param idealByTokens the bound on the speedup from the tiers' costs and token shares
 * @param efficiencyByTokens speedup over that bound
 * @param tiers where the cascade's time went, per tier, cheapest first (empty without
 * cascade runs)
 */
record Summary(int threads, int batchSize, Map<Variant, Double> millisPerInput, Map<Variant, Double> accuracy,
		List<Double> reach, double overheadSorted, double overheadInOrder, double speedup, double idealSpeedup,
		double efficiency, List<Double> tokenReach, double idealByTokens, double efficiencyByTokens,
		List<TierProfile> tiers) {

	Summary {
		millisPerInput = Map.copyOf(millisPerInput);
		accuracy = Map.copyOf(accuracy);
		reach = List.copyOf(reach);
		tokenReach = List.copyOf(tokenReach);
		tiers = List.copyOf(tiers);
	}

	/**
	 * One tier's work in the cascade against its work alone, medians over the repeats.
	 *
	 * @param millisAlone its time per input alone, on every input
	 * @param millisInCascade its time per input that reached it, in the cascade
	 * @param paddingAlone padded tokens per token alone
	 * @param paddingInCascade padded tokens per token of the inputs that reached it
	 */
	record TierProfile(double millisAlone, double millisInCascade, double paddingAlone, double paddingInCascade) {

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
		times.forEach((variant, values) -> medians.put(variant, Median.of(values)));
		List<Map<Variant, Measurement>> repeats = List.copyOf(byRepeat.values());
		List<Double> reach = new ArrayList<>();
		for (int k = 0; k < tiers - 1; k++) {
			int index = k;
			reach.add(Median.of(repeats,
					(r) -> has(r, Variant.CASCADE) ? r.get(Variant.CASCADE).reach().get(index) : Double.NaN));
		}
		double overheadSorted = Median.of(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.PLAIN_SORTED) - 1);
		double overheadInOrder = Median.of(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.PLAIN_IN_ORDER) - 1);
		double speedup = Median.of(repeats, (r) -> ratio(r, Variant.TANGO_LAST, Variant.CASCADE));
		double ideal = Median.of(repeats, (r) -> ideal(r, tiers, false));
		double efficiency = Median.of(repeats,
				(r) -> ratio(r, Variant.TANGO_LAST, Variant.CASCADE) / ideal(r, tiers, false));
		List<Double> tokenReach = new ArrayList<>();
		for (int k = 1; k < tiers; k++) {
			int index = k;
			tokenReach.add(Median.of(repeats, (r) -> work(r, Variant.CASCADE, index).shareOfTokens()));
		}
		double idealByTokens = Median.of(repeats, (r) -> ideal(r, tiers, true));
		double efficiencyByTokens = Median.of(repeats,
				(r) -> ratio(r, Variant.TANGO_LAST, Variant.CASCADE) / ideal(r, tiers, true));
		List<TierProfile> profile = new ArrayList<>();
		for (int k = 0; k < tiers && repeats.stream().anyMatch((r) -> has(r, Variant.CASCADE)); k++) {
			int index = k;
			Variant alone = alone(k, tiers);
			profile.add(new TierProfile(Median.of(repeats, (r) -> work(r, alone, 0).nanosPerInput() / 1e6),
					Median.of(repeats, (r) -> work(r, Variant.CASCADE, index).nanosPerInput() / 1e6),
					Median.of(repeats, (r) -> work(r, alone, 0).padding()),
					Median.of(repeats, (r) -> work(r, Variant.CASCADE, index).padding())));
		}
		return new Summary(threads, batchSize, medians, accuracy, reach, overheadSorted, overheadInOrder, speedup,
				ideal, efficiency, tokenReach, idealByTokens, efficiencyByTokens, profile);
	}

	private static Variant alone(int k, int tiers) {
		return (k == tiers - 1) ? Variant.TANGO_LAST : Variant.tier(k);
	}

	/** A tier's work in a variant's run, or one of NaNs if the run did not record it. */
	private static Measurement.TierWork work(Map<Variant, Measurement> repeat, Variant variant, int index) {
		Measurement m = repeat.get(variant);
		if (m == null || m.tiers().size() <= index) {
			return new Measurement.TierWork(0, 0, Double.NaN, 0, 0);
		}
		return m.tiers().get(index);
	}

	private static double ideal(Map<Variant, Measurement> repeat, int tiers, boolean byTokens) {
		if (!has(repeat, Variant.TANGO_LAST) || !has(repeat, Variant.CASCADE)) {
			return Double.NaN;
		}
		List<Double> reach = new ArrayList<>(repeat.get(Variant.CASCADE).reach());
		if (byTokens) {
			for (int k = 1; k < tiers; k++) {
				reach.set(k - 1, work(repeat, Variant.CASCADE, k).shareOfTokens());
			}
		}
		double last = repeat.get(Variant.TANGO_LAST).nanosPerInput();
		double cost = 0;
		for (int k = 0; k < tiers; k++) {
			Variant alone = alone(k, tiers);
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

}
