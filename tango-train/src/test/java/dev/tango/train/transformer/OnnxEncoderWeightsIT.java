package dev.tango.train.transformer;

import java.io.IOException;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.train.onnx.GraphConstants;
import dev.tango.train.onnx.OnnxFormatException;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.train.onnx.TinyModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every dimension of the encoder is read from the graph, the heads and the layer-norm
 * epsilon from its operators' constants; graphs the encoder cannot compute, or whose
 * heads or epsilon cannot be read, are refused with what is missing named.
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
	void aGraphWithoutAttentionReshapesOrLayerNormsIsRefusedSayingWhatWasLookedFor() throws IOException {
		OnnxModel tiny = OnnxModel.parse(TinyModel.matMulAdd(2, 3, 4, new float[12], new float[4]));
		GraphConstants constants = GraphConstants.of(tiny);

		assertThatExceptionOfType(OnnxFormatException.class)
			.isThrownBy(() -> OperatorConstants.heads(tiny, constants, 4))
			.withMessageContaining("no Reshape into (batch, tokens, heads, headSize)")
			.withMessageContaining("hidden size 4");
		assertThatExceptionOfType(OnnxFormatException.class)
			.isThrownBy(() -> OperatorConstants.layerNormEpsilon(tiny, constants))
			.withMessageContaining("no layer normalisation whose epsilon can be read");
	}

	@Test
	void anInt8QuantisedGraphIsRefusedNamingAWeightItLacksInFloat() throws IOException {
		OnnxModel quantised = OnnxModel.read(SOURCE.file(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(), null));

		assertThatExceptionOfType(OnnxFormatException.class).isThrownBy(() -> OnnxEncoderWeights.of(quantised))
			.withMessageContaining("no float initializer embeddings.word_embeddings.weight");
	}

}
