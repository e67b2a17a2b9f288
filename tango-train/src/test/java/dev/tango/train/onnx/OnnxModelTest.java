package dev.tango.train.onnx;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads a hand-encoded model whose weights are stored both as {@code float_data} and as
 * {@code raw_data}, and checks the values against what ONNX Runtime computes with them.
 */
class OnnxModelTest {

	private static final float[] W = { 0.5f, -1.25f, 3f, 2f, 0.001f, -7.5f };

	private static final float[] B = { 10f, -20f, 0.25f };

	@Test
	void readsStructureAndBothEncodingsOfFloatInitializers() throws Exception {
		ByteString bytes = TinyModel.matMulAdd(2, 2, 3, W, B);
		OnnxModel model = OnnxModel.parse(bytes);

		assertThat(model.inputs()).containsExactly("X");
		assertThat(model.outputs()).containsExactly("Y");
		assertThat(model.nodes()).containsExactly(new GraphNode("mm", "MatMul", "", List.of("X", "W"), List.of("XW")),
				new GraphNode("add", "Add", "", List.of("XW", "B"), List.of("Y")));
		assertThat(model.initializers()).containsExactly(new Initializer("W", Initializer.FLOAT, new long[] { 2, 3 }),
				new Initializer("B", Initializer.FLOAT, new long[] { 3 }));

		// With X the identity, ONNX Runtime's output rows are W's rows plus B.
		float[] y = run(bytes, new float[] { 1, 0, 0, 1 });
		FloatTensor w = model.floatInitializer("W");
		FloatTensor b = model.floatInitializer("B");
		for (int i = 0; i < 6; i++) {
			assertThat(w.values()[i] + b.values()[i % 3]).isEqualTo(y[i]);
		}
		assertThat(w.values()).containsExactly(W);
		assertThat(b.values()).containsExactly(B);
		assertThat(model.floatInitializers()).containsOnlyKeys("W", "B");
	}

	@Test
	void writesAnUnchangedModelByteForByte() throws Exception {
		ByteString bytes = TinyModel.matMulAdd(2, 2, 3, W, B);
		ByteString.Output out = ByteString.newOutput();
		OnnxModel.parse(bytes).writeTo(out);
		assertThat(out.toByteString()).isEqualTo(bytes);
	}

	@Test
	void refusesWhatIsNotAModel() throws Exception {
		assertThatThrownBy(() -> OnnxModel.parse(ByteString.copyFromUtf8("not a model")))
			.isInstanceOf(OnnxFormatException.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OnnxModel.parse(TinyModel.matMulAdd(2, 2, 3, W, B)).floatInitializer("missing"));
	}

	static float[] run(ByteString model, float[] x) throws Exception {
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] { 2, x.length / 2 });
				OrtSession.Result result = session.run(Map.of("X", input))) {
			FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
			float[] values = new float[output.remaining()];
			output.get(values);
			return values;
		}
	}

}
