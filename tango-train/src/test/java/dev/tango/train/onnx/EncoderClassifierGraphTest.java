package dev.tango.train.onnx;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.onnx.edit.OnnxFormatException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EncoderClassifierGraph} refuses graphs that are not sentence encoders: its joins
 * of real encoders run in ONNX Runtime in {@code TritonRepositoryCommandIT}.
 */
class EncoderClassifierGraphTest {

	private static final LinearHead HEAD = new LinearHead(List.of("no", "yes"), new float[][] { { 1, 0 }, { 0, 1 } },
			new float[] { 0, 0 });

	@Test
	void refusesAGraphWithoutHiddenStates() throws IOException {
		OnnxModel tiny = OnnxModel.parse(TinyModel.matMulAdd(2, 2, 2, new float[4], new float[2]));

		assertThatExceptionOfType(OnnxFormatException.class)
			.isThrownBy(() -> EncoderClassifierGraph.join(tiny, Pooling.MEAN, true, HEAD))
			.withMessageContaining("no output last_hidden_state");
	}

}
