package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The per-token rewrite on small graphs built for each case: where the scale of a token
 * does not factor out of what reads the quantised value, the rewrite is refused; what it
 * writes depends on the operator set.
 */
class PerTokenQuantizationTest {

	private static final GraphNode QUANTIZE = new GraphNode("q", "DynamicQuantizeLinear", "", List.of("x"),
			List.of("y", "y_scale", "y_zero_point"));

	private static final GraphNode PRODUCT = new GraphNode("mm", "MatMulInteger", "",
			List.of("y", "w", "y_zero_point", "w_zero_point"), List.of("p"));

	private static final GraphNode SCALES = new GraphNode("scales", "Mul", "", List.of("y_scale", "w_scale"),
			List.of("s"));

	@Test
	void rewritesADynamicQuantisationReadByTheFirstOperandOfAProductAndDropsTheShapesItChanges() throws IOException {
		EncodedModel rewritten = PerTokenQuantization
			.rewrite(model(13, List.of(QUANTIZE, PRODUCT, SCALES), List.of("y_scale", "s", "p")));

		List<GraphNode> nodes = rewritten.nodes();
		assertThat(nodes).extracting(GraphNode::opType)
			.containsExactly("ReduceMax", "ReduceMin", "Neg", "Max", "Div", "Div", "Mul", "QuantizeLinear", "Identity",
					"MatMulInteger", "Mul");
		assertThat(nodes.get(0).inputs()).containsExactly("x");
		assertThat(nodes.get(7).outputs()).containsExactly("y");
		assertThat(valueInfo(rewritten)).containsExactly("p");
	}

	@Test
	void fromOperatorSet18TheReductionsTakeTheirAxisAsAnInput() throws IOException {
		EncodedModel rewritten = PerTokenQuantization.rewrite(model(18, List.of(QUANTIZE, PRODUCT, SCALES), List.of()));
		assertThat(rewritten.nodes().get(0).inputs()).containsExactly("x", "tango_per_token_last_axis");
	}

	@Test
	void refusesWhereTheScaleOfATokenDoesNotFactorOut() {
		GraphNode secondOperand = new GraphNode("mm", "MatMulInteger", "", List.of("a", "y", "", "y_zero_point"),
				List.of("p"));
		assertRefused(model(13, List.of(QUANTIZE, secondOperand, SCALES), List.of()),
				"is read by MatMulInteger node mm as input 1");
		GraphNode dequantize = new GraphNode("dq", "DequantizeLinear", "", List.of("y", "y_scale", "y_zero_point"),
				List.of("d"));
		assertRefused(model(13, List.of(QUANTIZE, PRODUCT, dequantize), List.of()), "is read by DequantizeLinear");
		GraphNode loop = new GraphNode("loop", "Loop", "", List.of("n", "c"), List.of("l"));
		assertRefused(model(13, List.of(QUANTIZE, PRODUCT, SCALES, loop), List.of()), "graphs with Loop nodes");
		assertRefused(model(10, List.of(QUANTIZE, PRODUCT, SCALES), List.of()), "needs operator set 11");
	}

	@Test
	void leavesAGraphWithoutDynamicQuantisationAsItIs() throws IOException {
		EncodedModel model = model(13, List.of(SCALES), List.of());
		assertThat(PerTokenQuantization.applies(model)).isFalse();
		assertThat(PerTokenQuantization.rewrite(model)).isSameAs(model);
	}

	private static void assertRefused(EncodedModel model, String message) {
		assertThatExceptionOfType(OnnxFormatException.class).isThrownBy(() -> PerTokenQuantization.rewrite(model))
			.withMessageContaining(message);
	}

	/** A model of the nodes, with recorded shapes for some values. */
	private static EncodedModel model(int opset, List<GraphNode> nodes, List<String> shapesRecorded) {
		ByteString graph = WireField.encode((coded) -> {
			for (GraphNode node : nodes) {
				coded.writeBytes(GraphFields.NODE, NodeCodec.encode(node, List.of()));
			}
			for (String value : shapesRecorded) {
				coded.writeBytes(GraphFields.VALUE_INFO, WireField.encode((info) -> info.writeString(1, value)));
			}
		});
		ByteString bytes = WireField.encode((coded) -> {
			coded.writeInt64(1, 8);
			coded.writeBytes(8, WireField.encode((set) -> set.writeInt64(2, opset)));
			coded.writeBytes(EncodedModel.MODEL_GRAPH, graph);
		});
		try {
			return EncodedModel.parse(bytes);
		}
		catch (OnnxFormatException ex) {
			throw new AssertionError(ex);
		}
	}

	private static List<String> valueInfo(EncodedModel model) throws IOException {
		List<String> names = new ArrayList<>();
		for (WireField field : model.graphFields()) {
			if (field.number() == GraphFields.VALUE_INFO) {
				names.add(GraphFields.valueName(field));
			}
		}
		return names;
	}

}
