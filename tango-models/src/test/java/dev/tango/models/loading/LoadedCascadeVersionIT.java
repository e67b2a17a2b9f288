package dev.tango.models.loading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.models.registry.CascadeVersion;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.onnx.NativeHeap;
import dev.tango.runtime.onnx.OrtOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Closing a version of real ONNX Runtime tiers gives back the native memory they used.
 */
class LoadedCascadeVersionIT {

	private static final long MIB = 1024 * 1024;

	private static final Path STATUS = Path.of("/proc/self/status");

	@TempDir
	Path dir;

	@Test
	void closingGivesTheNativeMemoryItsTiersFreedBackToTheSystem() throws Exception {
		assumeThat(STATUS).as("a Linux /proc").exists();
		DefaultArtifactSource source = new DefaultArtifactSource(new ArtifactCache(this.dir),
				getClass().getClassLoader());
		SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, source,
				OrtOptions.defaults());
		EncoderLinearTier tier = new EncoderLinearTier("encoder", encoder,
				new LinearHead(List.of("negative", "positive"), new float[2][encoder.dimension()], new float[2]), 32);
		CascadeVersion version = CascadeVersionLoaderTest.cascade(
				CascadeVersionLoaderTest.tier(0, CascadeVersionLoaderTest.lexical("encoder", Map.of()), null, 32, 0));
		LoadedCascadeVersion loaded = new LoadedCascadeVersion(version, new LoadedCascade("test",
				List.of(new LoadedTier(tier, Label.of(tier.labels()), StageSettings.answering(32), Duration.ZERO, 1))));
		// Two threads classify batches of several lengths at once, as a batcher's workers
		// do: ONNX Runtime and the tokenizer allocate in the C heap's per-thread arenas.
		ExecutorService workers = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int words : new int[] { 40, 120, 240 }) {
				for (int worker = 0; worker < 2; worker++) {
					List<TextInput> batch = batch(32, words + worker);
					runs.add(workers.submit(() -> tier.classify(batch)));
				}
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			// Threads that end later would free their stacks within the measurement.
			workers.shutdown();
			assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		long open = residentBytes();
		loaded.close();
		long closed = residentBytes();

		// What a trim still finds to give back is what closing the version left behind:
		// little, and a small part of what the close gave back (without the close's trim,
		// the close gives back little and the trim most).
		String trim = NativeHeap.trim();
		long left = closed - residentBytes();
		assertThat(trim).startsWith("Trim native heap");
		assertThat(left)
			.as("native memory still held after the close, in bytes (%s; the close gave back %d)", trim, open - closed)
			.isLessThan(16 * MIB)
			.isLessThan((open - closed) / 4);
	}

	private static List<TextInput> batch(int size, int words) {
		List<TextInput> batch = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			batch.add(TextInput.of(("a rather long review number " + i + " of a film ").repeat(words / 10)));
		}
		return batch;
	}

	private static long residentBytes() throws IOException {
		for (String line : Files.readAllLines(STATUS)) {
			if (line.startsWith("VmRSS:")) {
				return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IOException("No VmRSS in " + STATUS);
	}

}
