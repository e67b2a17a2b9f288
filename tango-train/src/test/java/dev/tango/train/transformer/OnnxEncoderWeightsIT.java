package dev.tango.train.transformer;

import java.io.IOException;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.train.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every dimension of the encoder is read from the bundled graphs, the heads and the
 * layer-norm epsilon from their operators' constants (see also
 * {@link OperatorConstantsTest}); graphs the encoder cannot compute are refused with what
 * is missing named.
 */
class OnnxEncoderWeightsIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	@Test
	void theHeadsAndTheLayerNormEpsilonAreReadFromTheBundledGraphs() throws IOException {
		EncoderConfig miniLm = OnnxEncoderWeights
			.of(OnnxModel.read(TrainableEncoder.ALL_MINILM_L6_V2.modelFile(SOURCE)))
			.config();
		assertThat(miniLm).isEqualTo(new EncoderConfig(384, 12, 6, 1536, 30522, 512, 2, 1e-12f));
		EncoderConfig bge = OnnxEncoderWeights.of(OnnxModel.read(TrainableEncoder.BGE_SMALL_EN_V15.modelFile(SOURCE)))
			.config();
		assertThat(bge).isEqualTo(new EncoderConfig(384, 12, 12, 1536, 30522, 512, 2, 1e-12f));
	}

	@Test
	void anInt8QuantisedGraphIsRefusedNamingAWeightItLacksInFloat() throws IOException {
		OnnxModel quantised = OnnxModel.read(SOURCE.file(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(), null));

		assertThatExceptionOfType(OnnxFormatException.class).isThrownBy(() -> OnnxEncoderWeights.of(quantised))
			.withMessageContaining("no float initializer embeddings.word_embeddings.weight");
	}

}
