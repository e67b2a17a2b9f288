package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.util.List;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-token rewrite of the bundled int8 MiniLM's graph: every dynamic quantisation
 * replaced, each scale read only by the products of scales, and a graph without one left
 * as it is.
 */
class PerTokenQuantizationIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	@Test
	void replacesEachDynamicQuantisationWithOnePerToken() throws IOException {
		BundledEncoder minilm = BundledEncoder.ALL_MINILM_L6_V2_Q;
		EncodedModel model = EncodedModel.read(SOURCE.file(minilm.modelUri(), minilm.identity().onnxSha256()));
		List<GraphNode> before = model.nodes();
		long quantizations = before.stream().filter((node) -> node.opType().equals("DynamicQuantizeLinear")).count();
		assertThat(quantizations).isEqualTo(24);
		assertThat(PerTokenQuantization.applies(model)).isTrue();

		EncodedModel rewritten = PerTokenQuantization.rewrite(model);
		List<GraphNode> after = rewritten.nodes();

		assertThat(after).noneMatch((node) -> node.opType().equals("DynamicQuantizeLinear"));
		assertThat(after).filteredOn((node) -> node.opType().equals("QuantizeLinear")).hasSize(24);
		assertThat(after).filteredOn((node) -> node.opType().equals("ReduceMax")).hasSize(24);
		assertThat(after).filteredOn((node) -> node.opType().equals("MatMulInteger"))
			.hasSameSizeAs(before.stream().filter((node) -> node.opType().equals("MatMulInteger")).toList());
		assertThat(PerTokenQuantization.applies(rewritten)).isFalse();
		assertThat(PerTokenQuantization.rewrite(rewritten)).isSameAs(rewritten);
	}

}
