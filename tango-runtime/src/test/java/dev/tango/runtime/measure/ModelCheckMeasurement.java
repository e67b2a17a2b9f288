package dev.tango.runtime.measure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.onnx.OnnxModelCheck;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.testsupport.CraftedOnnx;

/**
 * Measures what the external-data check ({@link OnnxModelCheck}) adds to opening a model:
 * for each bundled encoder, the check alone and the whole open (check, session, warm-up),
 * as medians over several rounds; and the check of a crafted model whose declared
 * external data has a given size, which is dominated by hashing it. Not a test: run it by
 * hand, for example
 *
 * <pre>
 * ./mvnw -q -pl tango-runtime -am test-compile
 * ./mvnw -q -pl tango-runtime dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java --enable-native-access=ALL-UNNAMED -cp "tango-runtime/target/test-classes:tango-runtime/target/classes:$(cat tango-runtime/cp.txt)" \
 *     dev.tango.runtime.measure.ModelCheckMeasurement [rounds] [external MiB]
 * </pre>
 */
public final class ModelCheckMeasurement {

	private ModelCheckMeasurement() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		int mebibytes = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		DefaultArtifactSource source = DefaultArtifactSource.create();
		System.out.printf(Locale.ROOT, "%d processors, %d rounds, medians%n",
				Runtime.getRuntime().availableProcessors(), rounds);
		for (BundledEncoder bundled : BundledEncoder.values()) {
			Path model = source.file(bundled.modelUri(), bundled.identity().onnxSha256());
			double check = median(rounds, () -> OnnxModelCheck.check(new OnnxModelFile(model, Map.of())));
			double open = median(rounds, () -> {
				try (SentenceEncoder encoder = SentenceEncoder.open(bundled, source,
						OrtOptions.defaults().withConcurrency(1))) {
					encoder.dimension();
				}
			});
			System.out.printf(Locale.ROOT, "%-20s %6.1f MiB: check %7.2f ms, open with check %8.1f ms (check %.2f%%)%n",
					bundled.id(), Files.size(model) / 1048576.0, check, open, 100 * check / open);
		}
		Path folder = Files.createTempDirectory("tango-check-");
		try {
			byte[] data = new byte[mebibytes << 20];
			new Random(42).nextBytes(data);
			Path weights = Files.write(folder.resolve("w.bin"), data);
			Path model = CraftedOnnx.write(folder.resolve("model.onnx"), CraftedOnnx.scaledByExternalWeight("w.bin"));
			Map<String, String> declared = Map.of("w.bin", Sha256.of(weights));
			double check = median(rounds, () -> OnnxModelCheck.check(new OnnxModelFile(model, declared)));
			System.out.printf(Locale.ROOT, "crafted model, %d MiB declared external data: check %.1f ms (%.0f MiB/s)%n",
					mebibytes, check, mebibytes / (check / 1000));
		}
		finally {
			try (var files = Files.list(folder)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(folder);
		}
	}

	private static double median(int rounds, Action action) throws Exception {
		double[] millis = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			long start = System.nanoTime();
			action.run();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis[rounds / 2];
	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

}
