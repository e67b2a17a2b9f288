package dev.tango.runtime.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.lexical.LexicalLinearKind;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RuntimeAutoConfiguration.class));

	@Test
	void bindsTheRuntimeSettingsAndFindsTheInstalledKinds() {
		this.runner.withPropertyValues("tango.runtime.intra-op-threads=2", "tango.runtime.graph-optimization=all")
			.run((context) -> {
				assertThat(context.getBean(RuntimeProperties.class).ortOptions())
					.isEqualTo(new OrtOptions(2, 1, GraphOptimization.ALL, true, OrtOptions.defaults().concurrency()));
				assertThat(context.getBean(TierKinds.class).names()).containsExactly("encoder-linear", "lexical-linear",
						"onnx-classifier");
			});
	}

	@Test
	void refusesSettingsOutOfRange() {
		this.runner.withPropertyValues("tango.runtime.intra-op-threads=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void anApplicationsOwnKindsReplaceTheInstalledOnes() {
		this.runner.withBean(TierKinds.class, () -> new TierKinds(List.of(new LexicalLinearKind())))
			.run((context) -> assertThat(context.getBean(TierKinds.class).names()).containsExactly("lexical-linear"));
	}

}
