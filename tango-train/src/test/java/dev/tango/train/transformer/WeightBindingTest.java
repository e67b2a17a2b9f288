package dev.tango.train.transformer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WeightBindingTest {

	// A [out=2, in=3] parameter stored by ONNX as the [in=3, out=2] right operand of a
	// MatMul.
	private static final WeightBinding DENSE = new WeightBinding("layer.dense.weight", new long[] { 2, 3 },
			"onnx::MatMul_1", new long[] { 3, 2 }, WeightBinding.Layout.TRANSPOSED);

	@Test
	void aTransposedBindingTurnsTheMatMulOperandIntoTheParameterAndBack() {
		float[] onnx = { 1, 2, 3, 4, 5, 6 }; // rows (in): [1,2] [3,4] [5,6]
		float[] parameter = DENSE.toParameter(onnx);

		assertThat(parameter).containsExactly(1, 3, 5, 2, 4, 6); // rows (out): [1,3,5]
																	// [2,4,6]
		assertThat(DENSE.toOnnx(parameter)).containsExactly(onnx);
	}

	@Test
	void anAsIsBindingKeepsTheValues() {
		WeightBinding bias = new WeightBinding("layer.dense.bias", new long[] { 2 }, "layer.dense.bias",
				new long[] { 2 }, WeightBinding.Layout.AS_IS);

		assertThat(bias.toParameter(new float[] { 7, 8 })).containsExactly(7, 8);
	}

	@Test
	void valuesThatDoNotFillTheShapeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DENSE.toParameter(new float[5]))
			.withMessageContaining("layer.dense.weight");
	}

}
