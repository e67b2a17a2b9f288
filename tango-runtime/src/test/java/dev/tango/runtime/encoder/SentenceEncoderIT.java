package dev.tango.runtime.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OrtOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SentenceEncoderIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	@ParameterizedTest
	@EnumSource(BundledEncoder.class)
	void embeddingsAreUnitVectorsAndParaphrasesAreCloserThanUnrelatedSentences(BundledEncoder bundled)
			throws IOException {
		try (SentenceEncoder encoder = SentenceEncoder.open(bundled, SOURCE, OrtOptions.defaults())) {
			float[][] v = encoder
				.embed(List.of(TextInput.of("The cat sits on the mat."), TextInput.of("A cat is sitting on a rug."),
						TextInput.of("Stock markets fell sharply today."), TextInput.of("How do I reset my password?"),
						TextInput.of("I forgot my password, how can I change it?"),
						TextInput.of("What is the capital of France?")))
				.vectors();
			for (float[] vector : v) {
				assertThat(vector).hasSize(384);
				assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5));
			}
			assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.2).isGreaterThan(dot(v[1], v[2]) + 0.2);
			assertThat(dot(v[3], v[4])).isGreaterThan(dot(v[3], v[5]) + 0.2).isGreaterThan(dot(v[4], v[5]) + 0.2);
		}
	}

	private static final List<TextInput> MIXED = List.of(TextInput.of("short"),
			TextInput.of("a somewhat longer sentence about films"), TextInput.of(""),
			TextInput.pair("first text", "second text of the pair"),
			TextInput.of("one more sentence , in the sst-2 style ."));

	@Test
	void aBatchAgreesWithItsInputsOneByOne() throws IOException {
		try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.BGE_SMALL_EN_V15, SOURCE,
				OrtOptions.defaults())) {
			float[][] batch = encoder.embed(MIXED).vectors();
			for (int i = 0; i < MIXED.size(); i++) {
				float[] single = encoder.embed(List.of(MIXED.get(i))).vectors()[0];
				for (int d = 0; d < single.length; d++) {
					assertThat(batch[i][d]).as("input %d dim %d", i, d).isCloseTo(single[d], within(1e-4f));
				}
			}
		}
	}

	/**
	 * The int8 MiniLM quantises activations dynamically, with one scale per tensor: the
	 * other inputs of a batch (and its padding) shift an input's embedding slightly.
	 * Equal batches give equal results; mixed batches stay close.
	 */
	@Test
	void theDynamicallyQuantisedEncoderDependsSlightlyOnTheBatch() throws IOException {
		try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE,
				OrtOptions.defaults())) {
			float[][] batch = encoder.embed(MIXED).vectors();
			double smallest = 1;
			for (int i = 0; i < MIXED.size(); i++) {
				float[] single = encoder.embed(List.of(MIXED.get(i))).vectors()[0];
				smallest = Math.min(smallest, dot(batch[i], single));
				float[][] twice = encoder.embed(List.of(MIXED.get(i), MIXED.get(i))).vectors();
				assertThat(twice[0]).containsExactly(single);
				assertThat(twice[1]).containsExactly(single);
			}
			assertThat(smallest).isGreaterThan(0.95).isLessThan(0.9999);
		}
	}

	/**
	 * Quantised per token, the int8 MiniLM gives each input the embedding it gets alone,
	 * whatever else its batch holds, and stays close to the embeddings it gives per
	 * batch.
	 */
	@Test
	void perTokenActivationQuantisationMakesEachInputIndependentOfItsBatch() throws IOException {
		OrtOptions perToken = OrtOptions.defaults().withActivationQuantization(ActivationQuantization.PER_TOKEN);
		try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE, perToken);
				SentenceEncoder perBatch = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE,
						OrtOptions.defaults())) {
			float[][] batch = encoder.embed(MIXED).vectors();
			float[][] reversed = encoder.embed(MIXED.reversed()).vectors();
			float[][] asExported = perBatch.embed(MIXED).vectors();
			for (int i = 0; i < MIXED.size(); i++) {
				float[] single = encoder.embed(List.of(MIXED.get(i))).vectors()[0];
				assertThat(batch[i]).as("input %d in the batch", i).containsExactly(single);
				assertThat(reversed[MIXED.size() - 1 - i]).as("input %d in the reversed batch", i)
					.containsExactly(single);
				assertThat(dot(single, asExported[i])).as("input %d against per-batch scales", i).isGreaterThan(0.95);
			}
		}
	}

	@Test
	void longInputsAreTruncatedToTheModelsMaximum() throws IOException {
		try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE,
				OrtOptions.defaults())) {
			TextInput longText = TextInput.of("word ".repeat(2000));
			assertThat(encoder.length(longText)).isEqualTo(256);
			assertThat(encoder.length(TextInput.of(""))).isEqualTo(2);
			Embeddings embeddings = encoder.embed(List.of(longText, TextInput.of("short")));
			assertThat(embeddings.truncated()).containsExactly(true, false);
			assertThat(dot(embeddings.vectors()[0], embeddings.vectors()[0])).isCloseTo(1.0, within(1e-5));
		}
	}

	@Test
	void refusesAModelWithoutTheEncoderInputs(@TempDir Path dir) throws IOException {
		Path model = dir.resolve("model.onnx");
		new dev.tango.runtime.classifier.TinyOnnxClassifierAccess().write(model);
		Path tokenizer = dir.resolve("tokenizer.json");
		try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
			Files.copy(in, tokenizer);
		}
		EncoderIdentity identity = new EncoderIdentity("tiny",
				BundledEncoder.ALL_MINILM_L6_V2_Q.identity().onnxSha256(), Pooling.MEAN, true, 128, 4);
		assertThatThrownBy(
				() -> SentenceEncoder.open(identity, OnnxModelFile.of(model), tokenizer, OrtOptions.defaults()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("lacks input 'token_type_ids'");
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

}
