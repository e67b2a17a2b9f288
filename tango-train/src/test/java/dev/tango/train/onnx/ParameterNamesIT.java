package dev.tango.train.onnx;

import java.util.Map;

import dev.tango.train.onnx.ParameterNames.OnnxParameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Maps the state-dict names of the bundled fp32 encoders to their ONNX initializers. */
class ParameterNamesIT {

	@Test
	void everyMiniLmParameterHasItsInitializer() throws Exception {
		OnnxModel model = OnnxModel.read(BundledModels.miniLm());
		Map<String, OnnxParameter> names = ParameterNames.of(model);

		assertThat(names).hasSize(5 + 6 * 16);
		OnnxParameter query = names.get("encoder.layer.0.attention.self.query.weight");
		assertThat(query.transposed()).isTrue();
		assertThat(query.initializer()).startsWith("onnx::MatMul");
		assertThat(model.initializer(names.get("encoder.layer.3.intermediate.dense.weight").initializer())
			.orElseThrow()
			.dims()).containsExactly(384, 1536);
		assertThat(names.get("encoder.layer.3.intermediate.dense.bias"))
			.isEqualTo(new OnnxParameter("encoder.layer.3.intermediate.dense.bias", false));
		assertThat(names).containsKey("embeddings.word_embeddings.weight").doesNotContainKey("embeddings.position_ids");
		assertThat(ParameterNames.of(OnnxModel.read(BundledModels.bgeSmall()))).hasSize(5 + 12 * 16);
	}

	@Test
	void statedictWeightsGoBackTransposedAndGiveTheSameModel() throws Exception {
		OnnxModel model = OnnxModel.read(BundledModels.miniLm());
		OnnxParameter intermediate = ParameterNames.of(model).get("encoder.layer.1.intermediate.dense.weight");
		FloatTensor stored = model.floatInitializer(intermediate.initializer());
		int in = 384;
		int out = 1536;
		// The state dict holds [out, in]: element (o, i) is the stored (i, o).
		float[] stateDict = new float[in * out];
		for (int o = 0; o < out; o++) {
			for (int i = 0; i < in; i++) {
				stateDict[o * in + i] = stored.values()[i * out + o];
			}
		}
		FloatTensor back = intermediate.fromStateDict(new long[] { out, in }, stateDict);
		assertThat(back).isEqualTo(stored);
	}

}
