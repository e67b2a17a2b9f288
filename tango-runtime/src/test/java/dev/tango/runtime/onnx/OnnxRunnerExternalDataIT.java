package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.onnx.UnsafeModelException.Reason;
import dev.tango.runtime.testsupport.CraftedOnnx;
import dev.tango.runtime.text.TokenBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * ONNX Runtime itself reads external data wherever {@code location} points; these tests
 * show that {@link OnnxRunner} lets it read only declared, verified files of the model's
 * folder; and it reads every model as ONNX, the format checked, even one named
 * {@code *.ort}.
 */
class OnnxRunnerExternalDataIT {

	@TempDir
	Path dir;

	@Test
	void runsAModelOnItsDeclaredVerifiedExternalData() throws IOException {
		assertThat(runScaled("model.onnx", 3.5f)).containsExactly(7.0f, 14.0f);
	}

	@Test
	void readsAModelAsOnnxWhateverItsFileIsNamed() throws IOException {
		assertThat(runScaled("model.ort", 2f)).containsExactly(4.0f, 8.0f);
	}

	/** Runs a model that scales its input ids by a weight in external data. */
	private float[] runScaled(String modelName, float weight) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve(modelName.replace('.', '-')));
		Path weights = Files.write(folder.resolve("w.bin"), CraftedOnnx.floats(weight));
		Path model = CraftedOnnx.write(folder.resolve(modelName), CraftedOnnx.scaledByExternalWeight("w.bin"));
		try (OnnxRunner runner = OnnxRunner.open("scaled",
				new OnnxModelFile(model, Map.of("w.bin", Sha256.of(weights))), OrtOptions.defaults().withConcurrency(1),
				Set.of(OnnxRunner.INPUT_IDS), CraftedOnnx.OUTPUT)) {
			return runner
				.run(new TokenBatch(1, 2, new long[] { 2, 4 }, new long[] { 1, 1 }, new long[2], new int[] { 2 },
						new boolean[1]))
				.data();
		}
	}

	@Test
	void runsAClassifierWhoseWeightsAreExternalData() throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve("classifier"));
		Path weights = Files.write(Files.createDirectories(folder.resolve("weights")).resolve("w.bin"),
				CraftedOnnx.floats(0.5f, -2f));
		Path model = CraftedOnnx.write(folder.resolve("model.onnx"),
				CraftedOnnx.classifierWithExternalWeights("weights/w.bin"));
		try (OnnxRunner runner = OnnxRunner.open("classifier",
				new OnnxModelFile(model, Map.of("weights/w.bin", Sha256.of(weights))),
				OrtOptions.defaults().withConcurrency(1), Set.of(OnnxRunner.INPUT_IDS), CraftedOnnx.OUTPUT)) {
			FloatTensor out = runner.run(new TokenBatch(2, 2, new long[] { 2, 4, 6, 6 }, new long[] { 1, 1, 1, 1 },
					new long[4], new int[] { 2, 2 }, new boolean[2]));
			assertThat(out.shape()).containsExactly(2L, 2L);
			assertThat(out.data()).containsExactly(1.5f, -6f, 3f, -12f);
		}
	}

	@Test
	void refusesToOpenAModelThatWouldReadAFileOutsideItsFolder() throws IOException {
		Path secret = Files.writeString(this.dir.resolve("secret.txt"), "password=hunter2");
		Path folder = Files.createDirectories(this.dir.resolve("model"));
		for (String location : new String[] { secret.toString(), "../secret.txt" }) {
			Path model = CraftedOnnx.write(folder.resolve("model.onnx"),
					CraftedOnnx.leakingInitializer("leak", location, (int) Files.size(secret)));
			assertThatExceptionOfType(UnsafeModelException.class)
				.isThrownBy(() -> OnnxRunner.open("leak", new OnnxModelFile(model, Map.of()),
						OrtOptions.defaults().withConcurrency(1), Set.of(OnnxRunner.INPUT_IDS), CraftedOnnx.OUTPUT))
				.satisfies((ex) -> {
					assertThat(ex.tensor()).isEqualTo("leak");
					assertThat(ex.reason()).isIn(Reason.ABSOLUTE_PATH, Reason.PARENT_SEGMENT);
				});
		}
	}

	@Test
	void refusesToOpenAModelWhoseWeightsWereSwapped() throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve("model"));
		String declared = Sha256.of(CraftedOnnx.floats(3.5f));
		Files.write(folder.resolve("w.bin"), CraftedOnnx.floats(-1f));
		Path model = CraftedOnnx.write(folder.resolve("model.onnx"), CraftedOnnx.scaledByExternalWeight("w.bin"));
		assertThatExceptionOfType(UnsafeModelException.class)
			.isThrownBy(() -> OnnxRunner.open("scaled", new OnnxModelFile(model, Map.of("w.bin", declared)),
					OrtOptions.defaults(), Set.of(OnnxRunner.INPUT_IDS), CraftedOnnx.OUTPUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CHECKSUM_MISMATCH));
	}

}
