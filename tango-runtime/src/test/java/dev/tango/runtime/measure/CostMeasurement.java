package dev.tango.runtime.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * Measures the cost per sentence of the bundled encoders on the SST-2 dev set: batch 1,
 * batch 32 in arrival order and batch 32 sorted by token length, one intra-op thread, one
 * calling thread; the cost of tokenising (which is what {@code Tier.length} costs); the
 * graph optimisation levels on the int8 MiniLM; and the lexical tier. Not a test: run it
 * by hand on a quiet machine, for example
 *
 * <pre>
 * ./mvnw -q -pl tango-runtime -am test-compile
 * java --enable-native-access=ALL-UNNAMED -cp "tango-runtime/target/test-classes:tango-runtime/target/classes:$(cat cp.txt)" \
 *     dev.tango.runtime.measure.CostMeasurement ../shared/data/sst2/dev.tsv [rounds]
 * </pre>
 */
public final class CostMeasurement {

	private CostMeasurement() {
	}

	public static void main(String[] args) throws Exception {
		LabelledDataset dev = LabelledDataset.read(Path.of(args[0]));
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		List<TextInput> inputs = dev.inputs();
		DefaultArtifactSource source = DefaultArtifactSource.create();
		System.out.printf(Locale.ROOT, "SST-2 dev: %d sentences, %d processors%n", inputs.size(),
				Runtime.getRuntime().availableProcessors());
		for (BundledEncoder bundled : BundledEncoder.values()) {
			try (SentenceEncoder encoder = SentenceEncoder.open(bundled, source,
					OrtOptions.defaults().withConcurrency(1))) {
				measureEncoder(bundled.id(), encoder, inputs, rounds);
			}
		}
		for (GraphOptimization level : GraphOptimization.values()) {
			try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, source,
					OrtOptions.defaults().withConcurrency(1).withOptimization(level))) {
				double sorted = best(rounds, () -> run(encoder, sortedBatches(encoder, inputs, 32)));
				double single = best(rounds, () -> run(encoder, sortedBatches(encoder, inputs, 1)));
				System.out.printf(Locale.ROOT,
						"all-minilm-l6-v2-q optimisation %-8s: batch 1 %.3f ms, batch 32 sorted %.3f ms per sentence%n",
						level.id(), single / inputs.size(), sorted / inputs.size());
			}
		}
		for (boolean arena : new boolean[] { true, false }) {
			try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, source,
					OrtOptions.defaults().withConcurrency(1).withMemoryArena(arena))) {
				double sorted = best(rounds, () -> run(encoder, sortedBatches(encoder, inputs, 32)));
				System.out.printf(Locale.ROOT,
						"all-minilm-l6-v2-q memory arena %-5s: batch 32 sorted %.3f ms per sentence%n", arena,
						sorted / inputs.size());
			}
		}
		LexicalSpec spec = LexicalSpec.defaults();
		LexicalTier lexical = new LexicalTier("lexical", spec,
				new LinearHead(List.of("0", "1"), new float[2][spec.buckets()], new float[2]));
		double lexicalMs = best(rounds, () -> {
			long start = System.nanoTime();
			for (int i = 0; i < inputs.size(); i += 64) {
				lexical.classify(inputs.subList(i, Math.min(inputs.size(), i + 64)));
			}
			return (System.nanoTime() - start) / 1e6;
		});
		System.out.printf(Locale.ROOT, "lexical tier (2^18 buckets, uni+bigrams): %.1f us per sentence%n",
				1000 * lexicalMs / inputs.size());
	}

	private static void measureEncoder(String id, SentenceEncoder encoder, List<TextInput> inputs, int rounds) {
		run(encoder, sortedBatches(encoder, inputs, 32));
		double tokenise = best(rounds, () -> {
			long start = System.nanoTime();
			long tokens = 0;
			for (TextInput input : inputs) {
				tokens += encoder.length(input);
			}
			if (tokens < 0) {
				throw new IllegalStateException();
			}
			return (System.nanoTime() - start) / 1e6;
		});
		double single = best(rounds, () -> run(encoder, batches(inputs, 1)));
		double arrival = best(rounds, () -> run(encoder, batches(inputs, 32)));
		double sorted = best(rounds, () -> run(encoder, sortedBatches(encoder, inputs, 32)));
		int n = inputs.size();
		System.out.printf(Locale.ROOT,
				"%s: tokenise (= length()) %.1f us; batch 1 %.3f ms; batch 32 arrival %.3f ms (pads %.2fx); batch 32 sorted %.3f ms (pads %.2fx) per sentence%n",
				id, 1000 * tokenise / n, single / n, arrival / n, padding(encoder, batches(inputs, 32)), sorted / n,
				padding(encoder, sortedBatches(encoder, inputs, 32)));
	}

	private static double padding(SentenceEncoder encoder, List<List<TextInput>> batches) {
		long real = 0;
		long padded = 0;
		for (List<TextInput> batch : batches) {
			int longest = 0;
			for (TextInput input : batch) {
				int length = encoder.length(input);
				real += length;
				longest = Math.max(longest, length);
			}
			padded += (long) longest * batch.size();
		}
		return (double) padded / real;
	}

	private static double run(SentenceEncoder encoder, List<List<TextInput>> batches) {
		long start = System.nanoTime();
		for (List<TextInput> batch : batches) {
			encoder.embed(batch);
		}
		return (System.nanoTime() - start) / 1e6;
	}

	private static List<List<TextInput>> batches(List<TextInput> inputs, int size) {
		List<List<TextInput>> batches = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i += size) {
			batches.add(inputs.subList(i, Math.min(inputs.size(), i + size)));
		}
		return batches;
	}

	private static List<List<TextInput>> sortedBatches(SentenceEncoder encoder, List<TextInput> inputs, int size) {
		TextInput[] sorted = inputs.toArray(TextInput[]::new);
		int[] lengths = inputs.stream().mapToInt(encoder::length).toArray();
		Integer[] order = new Integer[sorted.length];
		Arrays.setAll(order, (i) -> i);
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]));
		List<TextInput> ordered = Arrays.stream(order).map(inputs::get).toList();
		return batches(ordered, size);
	}

	private static double best(int rounds, Measured measured) {
		double best = Double.MAX_VALUE;
		for (int r = 0; r < rounds; r++) {
			best = Math.min(best, measured.millis());
		}
		return best;
	}

	@FunctionalInterface
	private interface Measured {

		double millis();

	}

}
