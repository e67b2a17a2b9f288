package dev.tango.runtime.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.tango.runtime.cascade.TierKinds;

/**
 * Auto-configuration of the inference runtime: its ONNX Runtime settings
 * ({@link RuntimeProperties}, {@code tango.runtime.*}) and the {@link TierKinds} that
 * open cascade tiers (those installed on the class path, unless the application defines
 * its own bean). Needs no database: the registry's loading builds on it.
 */
@AutoConfiguration
@EnableConfigurationProperties(RuntimeProperties.class)
public final class RuntimeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TierKinds tierKinds() {
		return TierKinds.installed();
	}

}
