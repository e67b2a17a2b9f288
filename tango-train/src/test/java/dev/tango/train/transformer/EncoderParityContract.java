package dev.tango.train.transformer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.runtime.text.TokenBatch;
import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.OnnxModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static dev.tango.train.testing.Differences.maxAbsDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every trainable encoder must show before any training: the DJL encoder, with the
 * weights of the ONNX graph, gives the sentence embeddings ONNX Runtime gives for the
 * same tokenisation, on real SST-2 sentences of mixed lengths padded into one batch,
 * single and as pairs; and the parameter ↔ initializer mapping is complete and exact.
 * Each subclass loads its model once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EncoderParityContract {

	/** The largest difference allowed between the two engines' embeddings. */
	static final double TOLERANCE = 1e-5;

	static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	TrainableEncoder trainable;

	OnnxModel graph;

	OnnxEncoderWeights weights;

	NDManager manager;

	BertEncoder encoder;

	SentenceEncoder onnxRuntime;

	TextTokenizer tokenizer;

	abstract TrainableEncoder trainable();

	abstract int expectedLayers();

	@BeforeAll
	void load() throws IOException {
		this.trainable = trainable();
		this.graph = OnnxModel.read(this.trainable.modelFile(SOURCE));
		this.weights = this.trainable.weights(this.graph);
		this.manager = Engine.getEngine("PyTorch").newBaseManager();
		this.encoder = this.weights.load(this.graph, this.manager, this.weights.config().layers(), 0f, false);
		Path tokenizerFile = this.trainable.tokenizerFile(SOURCE);
		this.onnxRuntime = SentenceEncoder.open(this.trainable.identity(),
				OnnxModelFile.of(this.trainable.modelFile(SOURCE)), tokenizerFile, OrtOptions.defaults());
		this.tokenizer = TextTokenizer.load(tokenizerFile, this.trainable.identity().maxTokens());
	}

	@AfterAll
	void close() {
		this.tokenizer.close();
		this.onnxRuntime.close();
		this.manager.close();
	}

	static List<TextInput> sst2Sentences(int count) throws IOException {
		return LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "dev.tsv"))
			.slice(0, count)
			.inputs();
	}

	static List<TextInput> sst2Pairs(int count) throws IOException {
		List<TextInput> sentences = sst2Sentences(2 * count);
		List<TextInput> pairs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			pairs.add(TextInput.pair(sentences.get(2 * i).text(), sentences.get(2 * i + 1).text()));
		}
		return pairs;
	}

	static NDList tokens(NDManager manager, TokenBatch batch) {
		Shape shape = new Shape(batch.size(), batch.sequenceLength());
		return new NDList(manager.create(batch.inputIds(), shape), manager.create(batch.attentionMask(), shape),
				manager.create(batch.typeIds(), shape));
	}

	float[][] djlEmbeddings(BertEncoder model, List<TextInput> inputs) {
		try (NDManager scope = this.manager.newSubManager()) {
			NDList tokens = tokens(scope, this.tokenizer.encodeBatch(inputs));
			NDArray hidden = model.forward(new ParameterStore(scope, false), tokens, false).singletonOrThrow();
			NDArray pooled = this.trainable.pooling().apply(hidden, tokens.get(1));
			float[] flat = pooled.toFloatArray();
			int dimension = (int) pooled.getShape().get(1);
			float[][] rows = new float[inputs.size()][dimension];
			for (int i = 0; i < rows.length; i++) {
				System.arraycopy(flat, i * dimension, rows[i], 0, dimension);
			}
			return rows;
		}
	}

	@Test
	void theGraphGivesTheEncodersDimensions() {
		EncoderConfig config = this.weights.config();
		assertThat(config).isEqualTo(new EncoderConfig(384, 12, expectedLayers(), 1536, 30522, 512, 2, 1e-12f));
	}

	@Test
	void sentencesOfMixedLengthsInOnePaddedBatchEmbedAsOnnxRuntimeEmbedsThem() throws IOException {
		List<TextInput> sentences = sst2Sentences(24);
		TokenBatch batch = this.tokenizer.encodeBatch(sentences);
		long padded = java.util.Arrays.stream(batch.attentionMask()).filter((m) -> m == 0).count();
		assertThat(padded).as("padding in the batch").isGreaterThan(0);

		float[][] expected = this.onnxRuntime.embed(sentences).vectors();
		float[][] actual = djlEmbeddings(this.encoder, sentences);

		assertThat(maxAbsDifference(actual, expected)).isLessThan(TOLERANCE);
	}

	@Test
	void textPairsEmbedAsOnnxRuntimeEmbedsThem() throws IOException {
		List<TextInput> pairs = sst2Pairs(12);
		TokenBatch batch = this.tokenizer.encodeBatch(pairs);
		assertThat(batch.typeIds()).as("second segments have token type 1").contains(1L);

		float[][] expected = this.onnxRuntime.embed(pairs).vectors();
		float[][] actual = djlEmbeddings(this.encoder, pairs);

		assertThat(maxAbsDifference(actual, expected)).isLessThan(TOLERANCE);
	}

	@Test
	void everyFloatInitializerComesBackFromTheParametersUnchanged() throws IOException {
		Map<String, FloatTensor> exported = this.weights.export(this.encoder);
		Map<String, FloatTensor> original = this.graph.floatInitializers();

		assertThat(exported.keySet()).isEqualTo(original.keySet());
		original.forEach((name, tensor) -> assertThat(exported.get(name)).as(name).isEqualTo(tensor));
	}

	@Test
	void denseWeightsAreBoundToTheMatMulsWhoseProductsTheirBiasesAreAddedTo() {
		Map<String, GraphNode> producers = new java.util.HashMap<>();
		Map<String, GraphNode> biasAdds = new java.util.HashMap<>();
		for (GraphNode node : this.graph.nodes()) {
			node.outputs().forEach((output) -> producers.put(output, node));
			if (node.opType().equals("Add")) {
				node.inputs()
					.stream()
					.filter((input) -> input.endsWith(".bias"))
					.forEach((bias) -> biasAdds.put(bias, node));
			}
		}
		Set<String> denses = Set.of("attention.self.query", "attention.self.key", "attention.self.value",
				"attention.output.dense", "intermediate.dense", "output.dense");
		for (int layer = 0; layer < expectedLayers(); layer++) {
			for (String dense : denses) {
				String prefix = "encoder.layer." + layer + "." + dense;
				GraphNode add = biasAdds.get(prefix + ".bias");
				GraphNode matMul = add.inputs()
					.stream()
					.map(producers::get)
					.filter((node) -> node != null && node.opType().equals("MatMul"))
					.findFirst()
					.orElseThrow();
				WeightBinding binding = this.weights.binding(prefix + ".weight").orElseThrow();
				assertThat(binding.initializer()).as(prefix).isEqualTo(matMul.inputs().get(1));
				assertThat(binding.onnx().transposed()).isTrue();
				assertThat(this.graph.initializer(binding.initializer()).orElseThrow().dims())
					.containsExactly(binding.parameterShape()[1], binding.parameterShape()[0]);
			}
		}
	}

}
