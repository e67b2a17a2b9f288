package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;

/**
 * Measures what each tier costs per input on this host: a sample of inputs, ordered by
 * length and cut into batches, is classified by a number of calling threads taking
 * batches in turn, for every batch size and thread count asked for; after one untimed
 * warm-up run, the best of {@value #ROUNDS} timed runs counts. The cost of a setting is
 * the wall-clock time per input, so that more threads count only when they raise
 * throughput on this host.
 */
public final class CostMeasurement {

	static final int ROUNDS = 2;

	private CostMeasurement() {
	}

	/**
	 * Measures every tier.
	 * @param stages the cascade's stages
	 * @param sample the inputs to time
	 * @param batchSizes the batch sizes to try
	 * @param threadCounts the thread counts to try
	 * @param context the job, for progress
	 * @param from the overall percent at the start
	 * @param to the overall percent at the end
	 * @return one measurement per tier
	 */
	static List<TierCost> measure(List<Stage> stages, List<TextInput> sample, List<Integer> batchSizes,
			List<Integer> threadCounts, JobContext context, double from, double to) {
		int maxThreads = Collections.max(threadCounts);
		ExecutorService executor = Executors.newFixedThreadPool(maxThreads, (runnable) -> {
			Thread thread = new Thread(runnable, "tango-cost-" + context.jobId());
			thread.setDaemon(true);
			return thread;
		});
		try {
			long total = (long) stages.size() * batchSizes.size() * threadCounts.size();
			long done = 0;
			List<TierCost> costs = new ArrayList<>();
			for (int k = 0; k < stages.size(); k++) {
				Tier tier = stages.get(k).tier();
				int[] order = LengthBatching.byLength(sample, tier::length);
				List<TextInput> sorted = new ArrayList<>(sample.size());
				for (int index : order) {
					sorted.add(sample.get(index));
				}
				List<Setting> settings = new ArrayList<>();
				run(tier, sorted, Collections.max(batchSizes), 1, executor);
				for (int batchSize : batchSizes) {
					for (int threads : threadCounts) {
						long best = Long.MAX_VALUE;
						for (int round = 0; round < ROUNDS; round++) {
							best = Math.min(best, run(tier, sorted, batchSize, threads, executor));
							context.checkCancelled();
						}
						settings.add(new Setting(batchSize, threads, (double) best / sorted.size()));
						context.progress("measuring tier costs", from, to, ++done, total);
					}
				}
				Setting best = settings.stream()
					.min((a, b) -> Double.compare(a.nanosPerInput(), b.nanosPerInput()))
					.orElseThrow();
				costs.add(new TierCost(k, tier.name(), best, settings));
			}
			return costs;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** Classifies every input once; returns the wall-clock nanoseconds. */
	private static long run(Tier tier, List<TextInput> sorted, int batchSize, int threads, ExecutorService executor) {
		int batches = (sorted.size() + batchSize - 1) / batchSize;
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> callers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			callers.add(executor.submit(() -> {
				for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
					List<TextInput> batch = sorted.subList(b * batchSize, Math.min(sorted.size(), (b + 1) * batchSize));
					LengthBatching.checkResults(tier, tier.labels().size(), batch.size(), tier.classify(batch));
				}
			}));
		}
		for (Future<?> caller : callers) {
			try {
				caller.get();
			}
			catch (ExecutionException ex) {
				throw new JobFailedException(
						"Tier " + tier.name() + " failed while its cost was measured: " + ex.getCause().getMessage(),
						ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new JobFailedException("Interrupted while measuring the cost of tier " + tier.name(), ex);
			}
		}
		return Math.max(1, System.nanoTime() - start);
	}

	/**
	 * The cost of one tier at one setting.
	 *
	 * @param batchSize the batch size
	 * @param threads the number of calling threads
	 * @param nanosPerInput the best wall-clock time per input, in nanoseconds
	 */
	public record Setting(int batchSize, int threads, double nanosPerInput) {

	}

	/**
	 * The costs of one tier.
	 *
	 * @param tier the tier's index
	 * @param name the tier's name
	 * @param best the cheapest setting
	 * @param settings every setting measured
	 */
	public record TierCost(int tier, String name, Setting best, List<Setting> settings) {

		public TierCost {
			settings = List.copyOf(settings);
		}

	}

}
