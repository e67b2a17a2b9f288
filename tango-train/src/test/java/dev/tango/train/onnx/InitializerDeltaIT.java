package dev.tango.train.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.train.onnx.DynamicQuantization.WeightRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ships a MiniLM-L6 whose upper layers were changed, as if trained with frozen
 * embeddings, as a delta against the Maven Central model, in fp32 and int8.
 */
class InitializerDeltaIT {

	@Test
	void aDeltaOfTheChangedLayersReproducesTheTrainedModelExactly(@TempDir Path dir) throws Exception {
		Path baseFile = BundledModels.miniLm();
		OnnxModel base = OnnxModel.read(baseFile);
		OnnxModel trained = changeLayers(base, 4, 5);
		Path trainedFile = dir.resolve("trained.onnx");
		trained.write(trainedFile);

		InitializerDelta delta = InitializerDiff.between(base, trained);
		assertThat(delta.changed()).hasSize(2 * 16)
			.allMatch((name) -> !name.startsWith("embeddings."))
			.contains("encoder.layer.4.attention.self.query.bias", "encoder.layer.5.output.LayerNorm.weight");
		assertThat(delta.baseSha256()).isEqualTo(Sha256.of(baseFile));
		assertThat(delta.resultSha256()).isEqualTo(Sha256.of(trainedFile));
		Path deltaFile = dir.resolve("trained.delta");
		String deltaSha256 = delta.write(deltaFile);
		assertThat(deltaSha256).isEqualTo(Sha256.of(deltaFile));
		System.out.printf("fp32 delta of 2 of 6 layers: %,d bytes, %.3f of the model%n", Files.size(deltaFile),
				(double) Files.size(deltaFile) / Files.size(baseFile));
		assertThat(Files.size(deltaFile)).isLessThan(Files.size(baseFile) / 5);

		Path applied = dir.resolve("applied.onnx");
		InitializerDelta.read(deltaFile).applyTo(base.encoded()).write(applied);
		assertThat(Files.mismatch(applied, trainedFile)).isEqualTo(-1);
		try (EncoderRun expected = new EncoderRun(trainedFile); EncoderRun actual = new EncoderRun(applied)) {
			assertThat(actual.run(EncoderRun.sampleTokens()).values())
				.containsExactly(expected.run(EncoderRun.sampleTokens()).values());
		}

		assertThatIllegalArgumentException().isThrownBy(() -> delta.applyTo(trained.encoded()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InitializerDiff.between(base, EncoderTruncation.firstLayers(trained, 5)));
	}

	@Test
	void int8ModelsShipAsInt8Deltas(@TempDir Path dir) throws Exception {
		OnnxModel base = OnnxModel.read(BundledModels.miniLm());
		OnnxModel baseInt8 = DynamicQuantization.quantize(base, WeightRange.REDUCED);
		OnnxModel trainedInt8 = DynamicQuantization.quantize(changeLayers(base, 5), WeightRange.REDUCED);
		Path expected = dir.resolve("trained-int8.onnx");
		trainedInt8.write(expected);

		InitializerDelta delta = InitializerDiff.between(baseInt8, trainedInt8);
		assertThat(delta.changed())
			.allMatch((name) -> name.startsWith("encoder.layer.5.") || name.startsWith("onnx::"));
		Path deltaFile = dir.resolve("int8.delta");
		delta.write(deltaFile);
		System.out.printf("int8 delta of 1 of 6 layers: %,d bytes%n", Files.size(deltaFile));
		assertThat(Files.size(deltaFile)).isLessThan(Files.size(expected) / 10);

		Path applied = dir.resolve("applied.onnx");
		InitializerDelta.read(deltaFile).applyTo(baseInt8.encoded()).write(applied);
		assertThat(Files.mismatch(applied, expected)).isEqualTo(-1);
	}

	@Test
	void int8ModelsShipAsDeltasOnThePublishedInt8Encoder(@TempDir Path dir) throws Exception {
		OnnxModel published = OnnxModel.read(BundledModels.miniLmInt8());
		OnnxModel trainedInt8 = DynamicQuantization.quantize(changeLayers(OnnxModel.read(BundledModels.miniLm()), 5),
				WeightRange.REDUCED);
		Path expected = dir.resolve("trained-int8.onnx");
		trainedInt8.write(expected);

		// The published file stores the same graph in another order and encoding: only
		// the
		// changed layer's tensors travel.
		InitializerDelta delta = InitializerDiff.onto(published, trainedInt8);
		assertThat(delta.changed()).isNotEmpty()
			.allMatch((name) -> name.startsWith("encoder.layer.5.") || name.startsWith("onnx::"));
		assertThat(delta.baseSha256()).isEqualTo(Sha256.of(BundledModels.miniLmInt8()));
		Path deltaFile = dir.resolve("int8.delta");
		delta.write(deltaFile);
		assertThat(Files.size(deltaFile)).isLessThan(Files.size(expected) / 10);

		Path applied = dir.resolve("applied.onnx");
		assertThat(InitializerDelta.read(deltaFile).applyTo(published.encoded()).write(applied))
			.isEqualTo(delta.resultSha256());
		try (EncoderRun whole = new EncoderRun(expected);
				EncoderRun shipped = new EncoderRun(applied);
				EncoderRun base = new EncoderRun(BundledModels.miniLmInt8())) {
			float[] served = shipped.run(EncoderRun.sampleTokens()).values();
			assertThat(served).containsExactly(whole.run(EncoderRun.sampleTokens()).values());
			assertThat(served).isNotEqualTo(base.run(EncoderRun.sampleTokens()).values());
		}
		assertThat(InitializerDiff
			.onto(published, DynamicQuantization.quantize(OnnxModel.read(BundledModels.miniLm()), WeightRange.REDUCED))
			.changed()).as("the published model is our quantisation of the float32 one").isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> InitializerDiff.onto(published, DynamicQuantization
			.quantize(EncoderTruncation.firstLayers(OnnxModel.read(BundledModels.miniLm()), 5), WeightRange.REDUCED)));
	}

	@Test
	void refusesAFileThatIsNotADelta(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("not.delta");
		Files.writeString(file, "not a delta");
		assertThatThrownBy(() -> InitializerDelta.read(file)).isInstanceOf(OnnxFormatException.class);
	}

	/** Changes every float initializer of some layers, the weight matrices included. */
	private static OnnxModel changeLayers(OnnxModel model, int... layers) throws Exception {
		List<String> names = new ArrayList<>();
		for (GraphNode node : model.nodes()) {
			for (int layer : layers) {
				if (node.name().startsWith("/encoder/layer." + layer + "/")) {
					node.inputs()
						.stream()
						.filter((input) -> model.initializer(input).filter(Initializer::isFloat).isPresent())
						.filter((input) -> !names.contains(input))
						.forEach(names::add);
				}
			}
		}
		List<FloatTensor> changed = new ArrayList<>();
		for (String name : names) {
			FloatTensor tensor = model.floatInitializer(name);
			float[] values = tensor.values().clone();
			for (int i = 0; i < values.length; i++) {
				values[i] = values[i] * 1.01f + 1e-3f * ((i % 7) - 3);
			}
			changed.add(new FloatTensor(name, tensor.dims(), values));
		}
		return model.withInitializers(changed);
	}

}
