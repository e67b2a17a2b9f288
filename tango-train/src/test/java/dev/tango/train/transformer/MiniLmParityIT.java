package dev.tango.train.transformer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.head.LinearHead;
import org.junit.jupiter.api.Test;

import static dev.tango.train.testing.Differences.maxAbsDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * all-MiniLM-L6-v2 fp32 (6 layers, mean pooling) against ONNX Runtime; and, on this
 * smaller model, the shallow student, frozen word embeddings and the classifier's head.
 */
class MiniLmParityIT extends EncoderParityContract {

	@Override
	TrainableEncoder trainable() {
		return TrainableEncoder.ALL_MINILM_L6_V2;
	}

	@Override
	int expectedLayers() {
		return 6;
	}

	@Test
	void aShallowStudentComputesWhatTheFirstLayersOfTheFullEncoderCompute() throws IOException {
		List<TextInput> sentences = sst2Sentences(16);
		BertEncoder student = this.weights.load(this.graph, this.manager, 2, 0f, false);
		assertThat(student.config().layers()).isEqualTo(2);
		assertThat(student.namedParameters().keySet()).noneMatch((name) -> name.startsWith("encoder.layer.2."));

		try (NDManager scope = this.manager.newSubManager()) {
			NDList tokens = tokens(scope, this.tokenizer.encodeBatch(sentences));
			ParameterStore store = new ParameterStore(scope, false);
			NDArray hidden = this.encoder.embeddings()
				.forward(store, new NDList(tokens.get(0), tokens.get(2)), false)
				.singletonOrThrow();
			NDArray maskBias = BertEncoder.maskBias(tokens.get(1));
			for (BertLayer layer : this.encoder.layers().subList(0, 2)) {
				hidden = layer.forward(store, new NDList(hidden, maskBias), false).singletonOrThrow();
			}
			NDArray fromStudent = student.forward(store, tokens, false).singletonOrThrow();
			NDArray fromFull = this.encoder.forward(store, tokens, false).singletonOrThrow();

			assertThat(fromStudent.sub(hidden).abs().max().getFloat()).isZero();
			assertThat(fromStudent.sub(fromFull).abs().max().getFloat()).as("two layers are not six")
				.isGreaterThan(0.1f);
		}
		BertEncoder whole = this.weights.load(this.graph, this.manager, 6, 0f, false);
		assertThat(maxAbsDifference(djlEmbeddings(whole, sentences), djlEmbeddings(this.encoder, sentences))).isZero();
	}

	@Test
	void frozenWordEmbeddingsGetNoGradientWhileEveryOtherParameterDoes() throws IOException {
		BertEncoder frozen = this.weights.load(this.graph, this.manager, 6, 0.1f, true);
		EncoderClassifier classifier = EncoderClassifier.withFreshHead(frozen, this.trainable.pooling(), 2, 7L, 0.1f,
				this.manager);
		try (NDManager scope = this.manager.newSubManager();
				GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
			NDList tokens = tokens(scope, this.tokenizer.encodeBatch(sst2Sentences(8)));
			NDArray logits = classifier.forward(new ParameterStore(scope, false), tokens, true).singletonOrThrow();
			collector.backward(logits.logSoftmax(1).get(":, 0").neg().mean());
		}
		NDArray words = frozen.wordEmbeddings().getArray();
		assertThat(frozen.wordEmbeddings().requiresGradient()).isFalse();
		assertThat(words.hasGradient()).isFalse();
		frozen.namedParameters().forEach((name, parameter) -> {
			if (parameter != frozen.wordEmbeddings()) {
				assertThat(gradientNorm(parameter)).as(name).isGreaterThan(0f);
			}
		});
		classifier.headParameters()
			.forEach((name, parameter) -> assertThat(gradientNorm(parameter)).as(name).isGreaterThan(0f));
	}

	@Test
	void unfrozenWordEmbeddingsGetAGradientOnTheRowsOfTheTokensSeen() throws IOException {
		BertEncoder trainableWords = this.weights.load(this.graph, this.manager, 1, 0f, false);
		try (NDManager scope = this.manager.newSubManager();
				GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
			NDList tokens = tokens(scope, this.tokenizer.encodeBatch(sst2Sentences(2)));
			NDArray hidden = trainableWords.forward(new ParameterStore(scope, false), tokens, true).singletonOrThrow();
			collector.backward(hidden.sum());
		}
		assertThat(gradientNorm(trainableWords.wordEmbeddings())).isGreaterThan(0f);
	}

	@Test
	void aClassifierWithAFittedHeadGivesTheHeadsLogitsOnOnnxRuntimesEmbeddings() throws IOException {
		List<TextInput> sentences = sst2Sentences(16);
		LinearHead head = randomHead(List.of("negative", "positive", "neutral"), 384, new Random(11));
		EncoderClassifier classifier = EncoderClassifier.withHead(this.encoder, this.trainable.pooling(), head, 0.1f,
				this.manager);

		float[][] expected = this.onnxRuntime.embed(sentences).vectors();
		try (NDManager scope = this.manager.newSubManager()) {
			NDArray logits = classifier
				.forward(new ParameterStore(scope, false), tokens(scope, this.tokenizer.encodeBatch(sentences)), false)
				.singletonOrThrow();
			assertThat(logits.getShape().getShape()).containsExactly(16, 3);
			float[][] actual = new float[16][];
			for (int i = 0; i < 16; i++) {
				actual[i] = logits.get(i).toFloatArray();
				expected[i] = head.logits(expected[i]);
			}
			assertThat(maxAbsDifference(actual, expected)).isLessThan(TOLERANCE);
		}
	}

	@Test
	void aFreshHeadIsTheSameForTheSameSeed() {
		float[] first = freshHeadWeights(42L);
		assertThat(freshHeadWeights(42L)).containsExactly(first);
		assertThat(freshHeadWeights(43L)).isNotEqualTo(first);
	}

	@Test
	void aClassifiersSavedParametersRestoreItInAFreshClassifier() throws IOException, MalformedModelException {
		EncoderClassifier saved = EncoderClassifier.withFreshHead(
				this.weights.load(this.graph, this.manager, 1, 0f, true), this.trainable.pooling(), 2, 1L, 0f,
				this.manager);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		saved.saveParameters(new DataOutputStream(bytes));

		EncoderClassifier restored = EncoderClassifier.withFreshHead(
				new BertEncoder(this.weights.config().withLayers(1), 0f), this.trainable.pooling(), 2, 2L, 0f,
				this.manager);
		List<TextInput> sentences = sst2Sentences(4);
		assertThat(logits(restored, sentences)).isNotEqualTo(logits(saved, sentences));
		restored.loadParameters(this.manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

		assertThat(logits(restored, sentences)).containsExactly(logits(saved, sentences));
	}

	private float[] logits(EncoderClassifier classifier, List<TextInput> inputs) {
		try (NDManager scope = this.manager.newSubManager()) {
			return classifier
				.forward(new ParameterStore(scope, false), tokens(scope, this.tokenizer.encodeBatch(inputs)), false)
				.singletonOrThrow()
				.toFloatArray();
		}
	}

	private float[] freshHeadWeights(long seed) {
		return EncoderClassifier.withFreshHead(this.encoder, this.trainable.pooling(), 2, seed, 0f, this.manager)
			.headParameters()
			.get("classifier.weight")
			.getArray()
			.toFloatArray();
	}

	private static float gradientNorm(Parameter parameter) {
		return parameter.getArray().getGradient().abs().sum().getFloat();
	}

	private static LinearHead randomHead(List<String> labels, int dimension, Random random) {
		float[][] weights = new float[labels.size()][dimension];
		float[] bias = new float[labels.size()];
		for (int c = 0; c < labels.size(); c++) {
			for (int d = 0; d < dimension; d++) {
				weights[c][d] = (float) random.nextGaussian();
			}
			bias[c] = (float) random.nextGaussian();
		}
		return new LinearHead(labels, weights, bias);
	}

}
