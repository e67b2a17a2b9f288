package dev.tango.train.transformer;

import java.io.IOException;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.train.onnx.OnnxFormatException;
import dev.tango.train.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Graphs the encoder cannot compute are refused when mapped, with the parameters or
 * initializers at fault named.
 */
class OnnxEncoderWeightsIT {

	@Test
	void anInt8QuantisedGraphIsRefusedNamingAWeightItLacksInFloat() throws IOException {
		OnnxModel quantised = OnnxModel
			.read(DefaultArtifactSource.create().file(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(), null));

		assertThatExceptionOfType(OnnxFormatException.class)
			.isThrownBy(() -> OnnxEncoderWeights.of(quantised, 12, 1e-12f))
			.withMessageContaining("no float initializer embeddings.word_embeddings.weight");
	}

	@Test
	void headsThatDoNotSplitTheHiddenSizeAreRefused() throws IOException {
		OnnxModel graph = OnnxModel.read(TrainableEncoder.ALL_MINILM_L6_V2.modelFile(DefaultArtifactSource.create()));

		assertThatExceptionOfType(OnnxFormatException.class).isThrownBy(() -> OnnxEncoderWeights.of(graph, 5, 1e-12f))
			.withMessageContaining("does not split into 5 heads");
		assertThat(OnnxEncoderWeights.of(graph, 12, 1e-12f).config().layers()).isEqualTo(6);
	}

}
