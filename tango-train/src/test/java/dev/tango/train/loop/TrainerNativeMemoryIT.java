package dev.tango.train.loop;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.BaseNDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs 1,000 steps (with held-out evaluations and checkpoints) and checks that native
 * memory stays flat: no array outlives its step in the model's manager, and the process's
 * resident memory grows by less than 32 MiB over the second half of the run (a step that
 * leaked 64 KiB, less than one batch's token embeddings, would exceed it). The build runs
 * integration tests with a fixed Java heap touched at start, so that resident memory
 * grows with native memory (the engine's, the JVM's code and metadata) only. Over 6,000
 * steps resident memory rose about 60 MiB by step 3,000 (the native allocator settling on
 * batches of varying shapes) and about 1 MiB over the last 3,000.
 */
class TrainerNativeMemoryIT {

	/**
	 * The steps of the run; {@code -Dtango.train.memory.steps=N} measures a longer one by
	 * hand.
	 */
	private static final int STEPS = Integer.getInteger("tango.train.memory.steps", 1000);

	private static final long HALF = STEPS / 200 * 100;

	@TempDir
	Path directory;

	@Test
	void nativeMemoryStaysFlatOverAThousandSteps() throws IOException {
		TrainingData data = Sst2Slice.labelled(1000, 200);
		TrainingSettings settings = TrainingSettings.defaults()
			.withLength(STEPS, STEPS)
			.withOptimiser(5e-3, 0.1, 0.01, 1.0)
			.withEvaluation(100, 0)
			.withCheckpointEvery(250);
		Map<Long, Long> resident = new HashMap<>();
		Map<Long, Long> nonHeap = new HashMap<>();
		Map<Long, Integer> arrays = new HashMap<>();
		try (Model model = MeanPooledClassifier.initialised(1, Sst2Slice.EMBEDDING_ROWS, 32, 2)) {
			BaseNDManager manager = (BaseNDManager) model.getNDManager();
			TrainingResult result = new Trainer(model, settings, this.directory).fit(data, (progress) -> {
				if (progress.step() % 100 == 0) {
					resident.put(progress.step(), residentBytes());
					nonHeap.put(progress.step(),
							ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted());
					arrays.put(progress.step(), manager.getManagedArrays().size());
				}
			}, () -> false);
			assertThat(result.steps()).isEqualTo(STEPS);
			double perStep = result.wallTime().toMillis() / (double) STEPS;
			System.out.printf(
					"memory over %d steps: resident MiB at step 200 %.1f, at half %.1f, at the end %.1f; JVM non-heap committed"
							+ " MiB %.1f, %.1f, %.1f; arrays in the model's manager %d, %d, %d; %.2f ms per step%n",
					STEPS, mib(resident.get(200L)), mib(resident.get(HALF)), mib(resident.get((long) STEPS)),
					mib(nonHeap.get(200L)), mib(nonHeap.get(HALF)), mib(nonHeap.get((long) STEPS)), arrays.get(200L),
					arrays.get(HALF), arrays.get((long) STEPS), perStep);
		}
		assertThat(arrays.get((long) STEPS)).isEqualTo(arrays.get(200L));
		assertThat(resident.get((long) STEPS) - resident.get(HALF)).isLessThan(32L << 20);
	}

	private static double mib(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	private static long residentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
			throw new IllegalStateException("No VmRSS in /proc/self/status");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
