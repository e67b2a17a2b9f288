package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;

/**
 * Measures what each tier costs per input on this host, at every batch size and number of
 * ONNX Runtime intra-op threads asked for. For each thread count the cascade version is
 * loaded with that count on every tier that runs ONNX Runtime (a tier that runs none,
 * such as a lexical one, is measured once, without a thread count). A sample of inputs,
 * ordered by length and cut into batches, is classified by one calling thread, as one
 * stage worker of the serving batcher calls its tier; after one untimed warm-up run, the
 * best of {@value #ROUNDS} timed runs counts. The cost of a setting is the wall-clock
 * time per input, so more threads count only when they make a tier faster on this host.
 */
public final class CostMeasurement {

	static final int ROUNDS = 2;

	private CostMeasurement() {
	}

	/**
	 * Measures every tier.
	 * @param loader loads the cascade version at each thread count
	 * @param version the cascade version
	 * @param sample the inputs to time
	 * @param batchSizes the batch sizes to try
	 * @param threadCounts the intra-op thread counts to try
	 * @param context the job, for progress
	 * @param from the overall percent at the start
	 * @param to the overall percent at the end
	 * @return one measurement per tier
	 */
	static List<TierCost> measure(CascadeVersionLoader loader, CascadeVersion version, List<TextInput> sample,
			List<Integer> batchSizes, List<Integer> threadCounts, JobContext context, double from, double to) {
		List<CascadeTier> tiers = version.tiers();
		List<List<Setting>> settings = new ArrayList<>();
		long total = 0;
		for (CascadeTier tier : tiers) {
			settings.add(new ArrayList<>());
			total += (long) batchSizes.size() * (runsOnnxRuntime(tier) ? threadCounts.size() : 1);
		}
		long done = 0;
		for (int t = 0; t < threadCounts.size(); t++) {
			int threads = threadCounts.get(t);
			boolean first = t == 0;
			if (!first && tiers.stream().noneMatch(CostMeasurement::runsOnnxRuntime)) {
				break;
			}
			context.progress("loading the cascade with " + threads + " intra-op threads", from, to, done, total);
			try (LoadedCascadeVersion loaded = loader.load(withThreads(version, threads))) {
				for (CascadeTier settingsOfTier : tiers) {
					boolean threaded = runsOnnxRuntime(settingsOfTier);
					if (!threaded && !first) {
						continue;
					}
					int k = settingsOfTier.index();
					Tier tier = loaded.stages().get(k).tier();
					List<TextInput> sorted = byLength(tier, sample);
					run(tier, sorted, Collections.max(batchSizes));
					for (int batchSize : batchSizes) {
						long best = Long.MAX_VALUE;
						for (int round = 0; round < ROUNDS; round++) {
							best = Math.min(best, run(tier, sorted, batchSize));
							context.checkCancelled();
						}
						settings.get(k)
							.add(new Setting(batchSize, threaded ? threads : null, (double) best / sorted.size()));
						context.progress("measuring tier costs", from, to, ++done, total);
					}
				}
			}
		}
		List<TierCost> costs = new ArrayList<>();
		for (CascadeTier tier : tiers) {
			List<Setting> measured = settings.get(tier.index());
			Setting best = measured.stream()
				.min((a, b) -> Double.compare(a.nanosPerInput(), b.nanosPerInput()))
				.orElseThrow();
			costs.add(new TierCost(tier.index(), tier.model().key().toString(), best, measured));
		}
		return costs;
	}

	/** Whether a tier's thread count matters: its kind runs an ONNX Runtime session. */
	static boolean runsOnnxRuntime(CascadeTier tier) {
		return TierKinds.installed().find(tier.model().kind()).map(TierKind::runsOnnxRuntime).orElse(false);
	}

	/** The cascade version with every ONNX Runtime tier at a thread count. */
	private static CascadeVersion withThreads(CascadeVersion version, int threads) {
		List<CascadeTier> tiers = new ArrayList<>();
		for (CascadeTier tier : version.tiers()) {
			tiers.add(new CascadeTier(tier.index(), tier.model(), tier.gate(), tier.batchSize(),
					tier.maxBatchDelayMillis(),
					runsOnnxRuntime(tier) ? Integer.valueOf(threads) : tier.intraOpThreads()));
		}
		return new CascadeVersion(version.id(), version.cascade(), version.version(), tiers, version.description(),
				version.createdAt(), version.createdBy());
	}

	private static List<TextInput> byLength(Tier tier, List<TextInput> sample) {
		List<TextInput> sorted = new ArrayList<>(sample.size());
		for (int index : LengthBatching.byLength(sample, tier::length)) {
			sorted.add(sample.get(index));
		}
		return sorted;
	}

	/**
	 * Classifies every input once, batch after batch; returns the wall-clock nanoseconds.
	 */
	private static long run(Tier tier, List<TextInput> sorted, int batchSize) {
		long start = System.nanoTime();
		try {
			for (int from = 0; from < sorted.size(); from += batchSize) {
				List<TextInput> batch = sorted.subList(from, Math.min(sorted.size(), from + batchSize));
				LengthBatching.checkResults(tier, tier.labels().size(), batch.size(), tier.classify(batch));
			}
		}
		catch (TierException ex) {
			throw new JobFailedException(
					"Tier " + tier.name() + " failed while its cost was measured: " + ex.getMessage(), ex);
		}
		return Math.max(1, System.nanoTime() - start);
	}

	/**
	 * The cost of one tier at one setting.
	 *
	 * @param batchSize the batch size
	 * @param threads the ONNX Runtime intra-op threads, or {@code null} for a tier that
	 * runs no ONNX Runtime session
	 * @param nanosPerInput the best wall-clock time per input, in nanoseconds
	 */
	public record Setting(int batchSize, @Nullable Integer threads, double nanosPerInput) {

	}

	/**
	 * The costs of one tier.
	 *
	 * @param tier the tier's index
	 * @param name the tier's name, its model version {@code name:version}
	 * @param best the cheapest setting
	 * @param settings every setting measured
	 */
	public record TierCost(int tier, String name, Setting best, List<Setting> settings) {

		public TierCost {
			settings = List.copyOf(settings);
		}

	}

}
