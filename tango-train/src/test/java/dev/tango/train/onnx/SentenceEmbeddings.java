package dev.tango.train.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * Embeds real SST-2 sentences with a MiniLM-L6 model file through the serving code's
 * {@link SentenceEncoder} (mean pooling, L2-normalised), timing the runs.
 */
final class SentenceEmbeddings {

	private static final int BATCH = 16;

	private SentenceEmbeddings() {
	}

	/** Embeddings of the sentences, in the order given, and the time they took. */
	record Timed(float[][] vectors, long nanos) {
	}

	static List<TextInput> sst2Dev(int count) throws IOException {
		Path file = Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "dev.tsv");
		return LabelledDataset.read(file).slice(0, count).inputs();
	}

	static Timed embedWithMiniLm(Path model, List<TextInput> sentences) throws IOException {
		try (SentenceEncoder encoder = open(model)) {
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < sentences.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparingInt((Integer i) -> encoder.length(sentences.get(i))));
			float[][] vectors = new float[sentences.size()][];
			embed(encoder, sentences, order.subList(0, BATCH), vectors);
			long start = System.nanoTime();
			for (int from = 0; from < order.size(); from += BATCH) {
				embed(encoder, sentences, order.subList(from, Math.min(from + BATCH, order.size())), vectors);
			}
			return new Timed(vectors, System.nanoTime() - start);
		}
	}

	/** Embeddings of each sentence in a call of its own. */
	static float[][] embedOneByOne(Path model, List<TextInput> sentences) throws IOException {
		try (SentenceEncoder encoder = open(model)) {
			float[][] vectors = new float[sentences.size()][];
			for (int i = 0; i < sentences.size(); i++) {
				vectors[i] = encoder.embed(List.of(sentences.get(i))).vectors()[0];
			}
			return vectors;
		}
	}

	/** Embeddings of the sentences in batches of 16 as they come, of mixed lengths. */
	static float[][] embedInOrder(Path model, List<TextInput> sentences) throws IOException {
		try (SentenceEncoder encoder = open(model)) {
			float[][] vectors = new float[sentences.size()][];
			for (int from = 0; from < sentences.size(); from += BATCH) {
				float[][] batch = encoder.embed(sentences.subList(from, Math.min(from + BATCH, sentences.size())))
					.vectors();
				System.arraycopy(batch, 0, vectors, from, batch.length);
			}
			return vectors;
		}
	}

	private static SentenceEncoder open(Path model) throws IOException {
		EncoderIdentity identity = new EncoderIdentity("all-minilm-l6-v2", Sha256.of(model), Pooling.MEAN, true, 256,
				384);
		return SentenceEncoder.open(identity, OnnxModelFile.of(model), BundledModels.miniLmTokenizer(),
				OrtOptions.defaults());
	}

	private static void embed(SentenceEncoder encoder, List<TextInput> sentences, List<Integer> batch, float[][] into) {
		float[][] vectors = encoder.embed(batch.stream().map(sentences::get).toList()).vectors();
		for (int i = 0; i < batch.size(); i++) {
			into[batch.get(i)] = vectors[i];
		}
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
			normA += (double) a[i] * a[i];
			normB += (double) b[i] * b[i];
		}
		return dot / Math.sqrt(normA * normB);
	}

}
