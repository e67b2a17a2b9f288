package dev.tango.train.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.runtime.onnx.edit.GraphNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the bundled fp32 encoders and writes them back unchanged. */
class OnnxModelIT {

	@Test
	void readsTheMiniLmGraphAndWritesItBackByteForByte(@TempDir Path dir) throws Exception {
		Path file = BundledModels.miniLm();
		OnnxModel model = OnnxModel.read(file);

		assertThat(model.inputs()).containsExactly("input_ids", "attention_mask", "token_type_ids");
		assertThat(model.outputs()).containsExactly("last_hidden_state");
		List<GraphNode> linear = model.nodes()
			.stream()
			.filter((node) -> node.opType().equals("MatMul") && model.initializer(node.inputs().get(1)).isPresent())
			.toList();
		assertThat(linear).hasSize(6 * 6);
		FloatTensor words = model.floatInitializer("embeddings.word_embeddings.weight");
		assertThat(words.dims()).containsExactly(30522, 384);
		FloatTensor query = model.floatInitializer(linear.get(0).inputs().get(1));
		assertThat(query.dims()).containsExactly(384, 384);
		// Layer norm gains of a trained model are positive and near 1, not noise.
		float[] gain = model.floatInitializer("encoder.layer.0.output.LayerNorm.weight").values();
		double mean = 0;
		for (float value : gain) {
			mean += value / gain.length;
		}
		assertThat(mean).isBetween(0.3, 3.0);
		long floats = model.initializers()
			.stream()
			.filter(Initializer::isFloat)
			.mapToLong(Initializer::elementCount)
			.sum();
		assertThat(floats).isBetween(22_000_000L, 23_000_000L);

		Path copy = dir.resolve("copy.onnx");
		model.write(copy);
		assertThat(Files.mismatch(file, copy)).isEqualTo(-1);
	}

	@Test
	void readsTheBgeSmallGraph() throws Exception {
		OnnxModel model = OnnxModel.read(BundledModels.bgeSmall());
		assertThat(model.outputs()).containsExactly("last_hidden_state");
		assertThat(model.nodes())
			.filteredOn((node) -> node.opType().equals("MatMul") && model.initializer(node.inputs().get(1)).isPresent())
			.hasSize(12 * 6);
		assertThat(model.floatInitializers()).hasSize(model.initializers().size());
	}

}
