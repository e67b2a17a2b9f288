package dev.tango.train.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Writes new weights into the fp32 MiniLM-L6 graph and runs it in ONNX Runtime. */
class InitializerReplacementIT {

	private static final String FINAL_BIAS = "encoder.layer.5.output.LayerNorm.bias";

	@Test
	void theSameValuesGiveTheSameFileAndOutputs(@TempDir Path dir) throws Exception {
		Path original = BundledModels.miniLm();
		OnnxModel model = OnnxModel.read(original);
		Path rewritten = dir.resolve("same.onnx");
		model.withInitializers(model.floatInitializers().values()).write(rewritten);

		assertThat(Files.mismatch(original, rewritten)).isEqualTo(-1);
		try (EncoderRun before = new EncoderRun(original); EncoderRun after = new EncoderRun(rewritten)) {
			assertThat(after.run(EncoderRun.sampleTokens()).values())
				.containsExactly(before.run(EncoderRun.sampleTokens()).values());
		}
	}

	@Test
	void perturbedValuesChangeTheOutputsAsTheyShould(@TempDir Path dir) throws Exception {
		Path original = BundledModels.miniLm();
		OnnxModel model = OnnxModel.read(original);
		// The final layer norm's bias is added last: the output moves by exactly the
		// shift.
		FloatTensor bias = model.floatInitializer(FINAL_BIAS);
		float[] shifted = bias.values().clone();
		for (int i = 0; i < shifted.length; i++) {
			shifted[i] += 0.5f + 0.001f * i;
		}
		Path biased = dir.resolve("biased.onnx");
		model.withInitializers(List.of(new FloatTensor(FINAL_BIAS, bias.dims(), shifted))).write(biased);
		// Scaling a query weight changes the attention pattern and so every later value.
		String query = firstWeightMatMulInput(model);
		FloatTensor weight = model.floatInitializer(query);
		float[] scaled = weight.values().clone();
		for (int i = 0; i < scaled.length; i++) {
			scaled[i] *= 3;
		}
		Path sharper = dir.resolve("sharper.onnx");
		model.withInitializers(List.of(new FloatTensor(query, weight.dims(), scaled))).write(sharper);

		assertThat(Files.size(biased)).isEqualTo(Files.size(original));
		try (EncoderRun base = new EncoderRun(original);
				EncoderRun shift = new EncoderRun(biased);
				EncoderRun sharp = new EncoderRun(sharper)) {
			float[] expected = base.run(EncoderRun.sampleTokens()).values();
			float[] moved = shift.run(EncoderRun.sampleTokens()).values();
			float[] changed = sharp.run(EncoderRun.sampleTokens()).values();
			for (int i = 0; i < expected.length; i++) {
				assertThat(moved[i]).isCloseTo(expected[i] + 0.5f + 0.001f * (i % 384), within(1e-4f));
			}
			double largest = 0;
			for (int i = 0; i < expected.length; i++) {
				largest = Math.max(largest, Math.abs(changed[i] - expected[i]));
			}
			assertThat(largest).isGreaterThan(0.01);
		}
	}

	@Test
	void refusesUnknownNamesOtherShapesAndOtherTypes() throws Exception {
		OnnxModel model = OnnxModel.read(BundledModels.miniLm());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model
				.withInitializers(List.of(new FloatTensor("no.such.weight", new long[] { 1 }, new float[1]))))
			.withMessageContaining("no.such.weight");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model
				.withInitializers(List.of(new FloatTensor(FINAL_BIAS, new long[] { 2, 192 }, new float[384]))))
			.withMessageContaining("shape");
		assertThatIllegalArgumentException().isThrownBy(() -> model.withInitializers(
				List.of(new FloatTensor("embeddings.position_ids", new long[] { 1, 512 }, new float[512]))));
		List<FloatTensor> twice = new ArrayList<>();
		twice.add(model.floatInitializer(FINAL_BIAS));
		twice.add(model.floatInitializer(FINAL_BIAS));
		assertThatIllegalArgumentException().isThrownBy(() -> model.withInitializers(twice));
	}

	private static String firstWeightMatMulInput(OnnxModel model) {
		return model.nodes()
			.stream()
			.filter((node) -> node.opType().equals("MatMul") && model.initializer(node.inputs().get(1)).isPresent())
			.findFirst()
			.orElseThrow()
			.inputs()
			.get(1);
	}

}
