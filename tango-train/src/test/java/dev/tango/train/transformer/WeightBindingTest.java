package dev.tango.train.transformer;

import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.ParameterNames.OnnxParameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WeightBindingTest {

	// A [out=2, in=3] parameter stored by ONNX as the [in=3, out=2] right operand of a
	// MatMul.
	private static final WeightBinding DENSE = new WeightBinding("layer.dense.weight", new long[] { 2, 3 },
			new OnnxParameter("onnx::MatMul_1", true));

	@Test
	void aTransposedBindingTurnsTheMatMulOperandIntoTheParameterAndBack() {
		float[] onnx = { 1, 2, 3, 4, 5, 6 }; // rows (in): [1,2] [3,4] [5,6]
		float[] parameter = DENSE.toParameter(onnx);

		assertThat(DENSE.onnxShape()).containsExactly(3, 2);
		assertThat(parameter).containsExactly(1, 3, 5, 2, 4, 6); // rows (out): [1,3,5]
																	// [2,4,6]
		FloatTensor back = DENSE.toOnnx(parameter);
		assertThat(back.name()).isEqualTo("onnx::MatMul_1");
		assertThat(back.dims()).containsExactly(3, 2);
		assertThat(back.values()).containsExactly(onnx);
	}

	@Test
	void anAsIsBindingKeepsTheValuesAndTheShape() {
		WeightBinding bias = new WeightBinding("layer.dense.bias", new long[] { 2 },
				new OnnxParameter("layer.dense.bias", false));

		assertThat(bias.onnxShape()).containsExactly(2);
		assertThat(bias.toParameter(new float[] { 7, 8 })).containsExactly(7, 8);
		assertThat(bias.toOnnx(new float[] { 7, 8 }).values()).containsExactly(7, 8);
	}

	@Test
	void valuesThatDoNotFillTheShapeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DENSE.toParameter(new float[5]))
			.withMessageContaining("layer.dense.weight");
	}

}
