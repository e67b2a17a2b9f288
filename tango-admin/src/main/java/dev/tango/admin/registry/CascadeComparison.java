package dev.tango.admin.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;

/**
 * What differs between two versions of a cascade: tier by tier (model, gate, batch
 * settings, intra-op threads) and their latest calibrations.
 *
 * @param cascade the cascade's name
 * @param from the first version's number
 * @param to the second version's number
 * @param tiers one entry per tier position present in either version
 * @param fromCalibration the latest calibration of the first version, or {@code null}
 * @param toCalibration the latest calibration of the second version, or {@code null}
 * @param identical whether the versions serve the same way (every tier equal)
 */
public record CascadeComparison(String cascade, int from, int to, List<TierDifference> tiers,
		@Nullable CalibrationSummary fromCalibration, @Nullable CalibrationSummary toCalibration, boolean identical) {

	/**
	 * Compares two versions of one cascade.
	 * @param from the first version
	 * @param to the second version
	 * @param fromCalibrations the first version's calibrations, oldest first
	 * @param toCalibrations the second version's calibrations, oldest first
	 * @return the comparison
	 */
	public static CascadeComparison of(CascadeVersion from, CascadeVersion to, List<CalibrationResult> fromCalibrations,
			List<CalibrationResult> toCalibrations) {
		List<TierDifference> tiers = new ArrayList<>();
		int count = Math.max(from.tiers().size(), to.tiers().size());
		boolean identical = from.tiers().size() == to.tiers().size();
		for (int index = 0; index < count; index++) {
			CascadeTier a = (index < from.tiers().size()) ? from.tiers().get(index) : null;
			CascadeTier b = (index < to.tiers().size()) ? to.tiers().get(index) : null;
			List<String> changes = changes(a, b);
			identical &= changes.isEmpty();
			tiers.add(new TierDifference(index, TierSummary.of(a), TierSummary.of(b), changes));
		}
		return new CascadeComparison(from.cascade(), from.version(), to.version(), tiers,
				CalibrationSummary.latest(fromCalibrations), CalibrationSummary.latest(toCalibrations), identical);
	}

	private static List<String> changes(@Nullable CascadeTier a, @Nullable CascadeTier b) {
		List<String> changes = new ArrayList<>();
		if (a == null || b == null) {
			changes.add((a == null) ? "tier added" : "tier removed");
			return changes;
		}
		if (!a.model().key().equals(b.model().key())) {
			changes.add("model " + a.model().key() + " → " + b.model().key());
		}
		Gate ga = a.gate();
		Gate gb = b.gate();
		if (!Objects.equals(ga, gb)) {
			if (ga == null || gb == null) {
				changes.add("gate " + describe(ga) + " → " + describe(gb));
			}
			else {
				if (ga.threshold() != gb.threshold()) {
					changes.add(String.format(Locale.ROOT, "threshold %.4f → %.4f", ga.threshold(), gb.threshold()));
				}
				if (ga.measure() != gb.measure()) {
					changes.add("confidence " + ga.measure() + " → " + gb.measure());
				}
				if (ga.temperature() != gb.temperature()) {
					changes
						.add(String.format(Locale.ROOT, "temperature %.4f → %.4f", ga.temperature(), gb.temperature()));
				}
			}
		}
		if (a.batchSize() != b.batchSize()) {
			changes.add("batch size " + a.batchSize() + " → " + b.batchSize());
		}
		if (a.maxBatchDelayMillis() != b.maxBatchDelayMillis()) {
			changes.add("batch delay " + a.maxBatchDelayMillis() + " ms → " + b.maxBatchDelayMillis() + " ms");
		}
		if (!Objects.equals(a.intraOpThreads(), b.intraOpThreads())) {
			changes.add("intra-op threads " + describe(a.intraOpThreads()) + " → " + describe(b.intraOpThreads()));
		}
		return changes;
	}

	private static String describe(@Nullable Integer threads) {
		return (threads == null) ? "model default" : threads.toString();
	}

	private static String describe(@Nullable Gate gate) {
		return (gate == null) ? "none" : String.format(Locale.ROOT, "%s ≥ %.4f (T = %.4f)", gate.measure(),
				gate.threshold(), gate.temperature());
	}

	/**
	 * One tier position in both versions.
	 *
	 * @param index the position, 0 for the cheapest
	 * @param from the tier in the first version, or {@code null}
	 * @param to the tier in the second version, or {@code null}
	 * @param changes what changed, for people; empty if nothing did
	 */
	public record TierDifference(int index, @Nullable TierSummary from, @Nullable TierSummary to,
			List<String> changes) {

		public TierDifference {
			changes = List.copyOf(changes);
		}

	}

	/**
	 * A tier as it serves.
	 *
	 * @param model the model version, {@code name:version}
	 * @param gate the gate after it, or {@code null} for the last tier
	 * @param batchSize the largest batch
	 * @param maxBatchDelayMillis the longest a batch waits to fill, in ms
	 * @param intraOpThreads the ONNX Runtime intra-op threads, or {@code null} for the
	 * model version's default
	 */
	public record TierSummary(String model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis,
			@Nullable Integer intraOpThreads) {

		static @Nullable TierSummary of(@Nullable CascadeTier tier) {
			return (tier == null) ? null : new TierSummary(tier.model().key().toString(), tier.gate(), tier.batchSize(),
					tier.maxBatchDelayMillis(), tier.intraOpThreads());
		}

	}

	/**
	 * A calibration in brief.
	 *
	 * @param id the calibration's identifier
	 * @param policy the policy that chose the thresholds
	 * @param datasetName the data set
	 * @param datasetSha256 the data set's sha256
	 * @param thresholds the chosen thresholds by gate, in gate order
	 * @param parameters the policy's parameters
	 */
	public record CalibrationSummary(long id, String policy, String datasetName, String datasetSha256,
			List<Double> thresholds, Map<String, String> parameters) {

		static @Nullable CalibrationSummary latest(List<CalibrationResult> results) {
			if (results.isEmpty()) {
				return null;
			}
			CalibrationResult latest = results.get(results.size() - 1);
			List<Double> thresholds = latest.thresholds()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.map(Map.Entry::getValue)
				.toList();
			return new CalibrationSummary(latest.id(), latest.policy(), latest.datasetName(), latest.datasetSha256(),
					thresholds, new TreeMap<>(latest.parameters()));
		}

	}

}
