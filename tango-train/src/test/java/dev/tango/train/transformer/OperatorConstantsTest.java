package dev.tango.train.transformer;

import java.io.IOException;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.WireField;
import dev.tango.train.onnx.GraphConstants;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.train.onnx.TinyModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The heads and layer-norm epsilon read from small graphs encoded here by hand: a fused
 * {@code LayerNormalization} with its {@code epsilon} attribute and a {@code Reshape} to
 * a constant shape held in an int64 initializer (the bundled graphs, with decomposed
 * layer norms and reshape shapes built by {@code Concat}, are read in
 * {@link OnnxEncoderWeightsIT}); and a graph with neither refused, saying what was looked
 * for.
 */
class OperatorConstantsTest {

	@Test
	void aLayerNormalizationsEpsilonAndAConstantReshapeGiveTheEpsilonAndTheHeads() throws IOException {
		OnnxModel model = OnnxModel.parse(fusedLayerNormAndReshape(1e-6f, new long[] { 0, 0, 4, 8 }));
		GraphConstants constants = GraphConstants.of(model);

		assertThat(OperatorConstants.layerNormEpsilon(model, constants)).isEqualTo(1e-6f);
		assertThat(OperatorConstants.heads(model, constants, 32)).isEqualTo(4);
		assertThatExceptionOfType(OnnxFormatException.class)
			.isThrownBy(() -> OperatorConstants.heads(model, constants, 384))
			.withMessageContaining("hidden size 384");
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

	/**
	 * Encodes {@code Z = Reshape(LayerNormalization(X, scale, bias; epsilon), shape)}
	 * with {@code shape} an int64 initializer in {@code int64_data}.
	 */
	private static ByteString fusedLayerNormAndReshape(float epsilon, long[] shape) throws IOException {
		ByteString attribute = WireField.encode((out) -> {
			out.writeString(1, "epsilon");
			out.writeFloat(2, epsilon);
			out.writeInt32(20, 1);
		});
		ByteString graph = WireField.encode((out) -> {
			out.writeBytes(1, TinyModel.node("LayerNormalization", "norm", new String[] { "X", "scale", "bias" }, "Y",
					attribute));
			out.writeBytes(1, TinyModel.node("Reshape", "split", new String[] { "Y", "shape" }, "Z"));
			out.writeString(2, "fused");
			out.writeBytes(5, WireField.encode((tensor) -> {
				tensor.writeInt64(1, shape.length);
				tensor.writeInt32(2, 7);
				tensor.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
				int size = 0;
				for (long dim : shape) {
					size += CodedOutputStream.computeInt64SizeNoTag(dim);
				}
				tensor.writeUInt32NoTag(size);
				for (long dim : shape) {
					tensor.writeInt64NoTag(dim);
				}
				tensor.writeString(8, "shape");
			}));
		});
		return WireField.encode((out) -> {
			out.writeInt64(1, 8);
			out.writeBytes(7, graph);
			out.writeBytes(8, WireField.encode((opset) -> {
				opset.writeString(1, "");
				opset.writeInt64(2, 17);
			}));
		});
	}

}
