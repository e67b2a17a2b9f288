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
 * resident memory grows by less than 16 MiB over the last 500 steps (the first steps also
 * grow the Java heap, which resident memory includes).
 */
class TrainerNativeMemoryIT {

	private static final int STEPS = 1000;

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
		Map<Long, Long> heap = new HashMap<>();
		Map<Long, Integer> arrays = new HashMap<>();
		try (Model model = MeanPooledClassifier.initialised(1, Sst2Slice.EMBEDDING_ROWS, 32, 2)) {
			BaseNDManager manager = (BaseNDManager) model.getNDManager();
			TrainingResult result = new Trainer(model, settings, this.directory).fit(data, (progress) -> {
				if (progress.step() % 100 == 0) {
					resident.put(progress.step(), residentBytes());
					heap.put(progress.step(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
					arrays.put(progress.step(), manager.getManagedArrays().size());
				}
			}, () -> false);
			assertThat(result.steps()).isEqualTo(STEPS);
			double perStep = result.wallTime().toMillis() / (double) STEPS;
			System.out.printf(
					"memory over %d steps: resident MiB at step 200 %.1f, 500 %.1f, 1000 %.1f; heap committed"
							+ " MiB %.1f, %.1f, %.1f; arrays in the model's manager %d, %d, %d; %.2f ms per step%n",
					STEPS, mib(resident.get(200L)), mib(resident.get(500L)), mib(resident.get(1000L)),
					mib(heap.get(200L)), mib(heap.get(500L)), mib(heap.get(1000L)), arrays.get(200L), arrays.get(500L),
					arrays.get(1000L), perStep);
		}
		assertThat(arrays.get(1000L)).isEqualTo(arrays.get(200L));
		assertThat(resident.get(1000L) - resident.get(200L)).isLessThan(16L << 20);
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
