package dev.tango.train.transformer;

import java.io.IOException;
import java.nio.ByteBuffer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.train.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every dimension of the encoder is read from the bundled graphs, the heads and the
 * layer-norm epsilon from their operators' constants (see also
 * {@link OperatorConstantsTest}); graphs the encoder cannot compute are refused with what
 * is missing named; the weights read, and a fresh head's, are in memory the engine
 * allocated, aligned for its widest vectors.
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
		assertThat(TrainableEncoder.ALL_MINILM_L6_V2.layers()).isEqualTo(miniLm.layers());
		assertThat(TrainableEncoder.BGE_SMALL_EN_V15.layers()).isEqualTo(bge.layers());
	}

	@Test
	void theWeightsReadAndAFreshHeadsAreAlignedForTheEnginesVectorKernels() throws IOException {
		OnnxModel graph = OnnxModel.read(TrainableEncoder.ALL_MINILM_L6_V2.modelFile(SOURCE));
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			BertEncoder encoder = OnnxEncoderWeights.of(graph).load(graph, manager, 2, 0f, false);
			EncoderClassifier classifier = EncoderClassifier.withFreshHead(encoder,
					new SentencePooling(Pooling.MEAN, true), 2, 7, 0f, manager);
			assertThat(classifier.getParameters().values()).hasSizeGreaterThan(30).allSatisfy((parameter) -> {
				ByteBuffer data = ((PtNDArray) parameter.getArray()).toByteBuffer(true);
				assertThat(data.isDirect()).as(parameter.getName()).isTrue();
				assertThat(data.alignmentOffset(0, 64)).as(parameter.getName()).isZero();
			});
		}
	}

	@Test
	void anInt8QuantisedGraphIsRefusedNamingAWeightItLacksInFloat() throws IOException {
		OnnxModel quantised = OnnxModel.read(SOURCE.file(BundledEncoder.ALL_MINILM_L6_V2_Q.modelUri(), null));

		assertThatExceptionOfType(OnnxFormatException.class).isThrownBy(() -> OnnxEncoderWeights.of(quantised))
			.withMessageContaining("no float initializer embeddings.word_embeddings.weight");
	}

}
