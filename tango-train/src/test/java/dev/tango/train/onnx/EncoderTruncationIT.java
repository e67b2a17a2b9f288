package dev.tango.train.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Truncates the bundled fp32 MiniLM-L6 and bge-small encoders to their first layers and
 * runs them in ONNX Runtime.
 */
class EncoderTruncationIT {

	@Test
	void miniLmKeepsItsFirstThreeLayers(@TempDir Path dir) throws Exception {
		checkTruncation(BundledModels.miniLm(), 6, dir);
	}

	@Test
	void bgeSmallKeepsItsFirstThreeLayers(@TempDir Path dir) throws Exception {
		checkTruncation(BundledModels.bgeSmall(), 12, dir);
	}

	private static void checkTruncation(Path original, int layers, Path dir) throws Exception {
		OnnxModel model = OnnxModel.read(original);
		assertThat(EncoderTruncation.layerCount(model)).isEqualTo(layers);
		Path all = dir.resolve("all.onnx");
		EncoderTruncation.firstLayers(model, layers).write(all);
		assertThat(Files.mismatch(original, all)).isEqualTo(-1);
		assertThatIllegalArgumentException().isThrownBy(() -> EncoderTruncation.firstLayers(model, layers + 1));
		assertThatIllegalArgumentException().isThrownBy(() -> EncoderTruncation.firstLayers(model, 0));

		OnnxModel three = EncoderTruncation.firstLayers(model, 3);
		Path shallow = dir.resolve("three.onnx");
		three.write(shallow);
		assertThat(EncoderTruncation.layerCount(three)).isEqualTo(3);
		assertThat(three.outputs()).isEqualTo(model.outputs());
		assertThat(three.inputs()).isEqualTo(model.inputs());
		assertThat(three.initializer("encoder.layer.2.output.LayerNorm.weight")).isPresent();
		assertThat(three.initializer("encoder.layer.3.output.LayerNorm.weight")).isEmpty();
		assertThat(Files.size(shallow)).isLessThan(Files.size(original));

		long[][] tokens = EncoderRun.sampleTokens();
		try (EncoderRun full = new EncoderRun(original); EncoderRun cut = new EncoderRun(shallow)) {
			EncoderRun.Output output = cut.run(tokens);
			assertThat(output.shape()).containsExactly(2, tokens[0].length, 384);
			assertComesFromLayerNorm(output.values(), three, 2);
			float[] fullOutput = full.run(tokens).values();
			assertThat(output.values()).isNotEqualTo(fullOutput);

			long[] nanos = EncoderRun.alternatingMedianNanos(full, cut, tokens, 40);
			long fullNanos = nanos[0];
			long cutNanos = nanos[1];
			double ratio = (double) cutNanos / fullNanos;
			System.out.printf("%s: 3 of %d layers take %.3f ms, all take %.3f ms, ratio %.2f%n", original.getFileName(),
					layers, cutNanos / 1e6, fullNanos / 1e6, ratio);
			assertThat(ratio).isLessThan(0.85);
		}
	}

	/**
	 * Checks that every token's vector is the output of a layer's final layer norm:
	 * undoing its gain and bias leaves zero mean and unit variance.
	 */
	private static void assertComesFromLayerNorm(float[] values, OnnxModel model, int layer) throws Exception {
		float[] gain = model.floatInitializer("encoder.layer." + layer + ".output.LayerNorm.weight").values();
		float[] bias = model.floatInitializer("encoder.layer." + layer + ".output.LayerNorm.bias").values();
		int width = gain.length;
		for (int token = 0; token < values.length / width; token++) {
			double sum = 0;
			double squares = 0;
			for (int i = 0; i < width; i++) {
				double z = (values[token * width + i] - bias[i]) / gain[i];
				sum += z;
				squares += z * z;
			}
			double mean = sum / width;
			assertThat(mean).isCloseTo(0, within(1e-3));
			assertThat(squares / width - mean * mean).isCloseTo(1, within(1e-2));
		}
	}

}
