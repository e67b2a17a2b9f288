package dev.tango.models.loading;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.RegistryAutoConfiguration;

/**
 * Auto-configuration of the {@link CascadeVersionLoader}, with the ONNX Runtime settings
 * of {@link RuntimeProperties} ({@code tango.runtime.*}), and of the
 * {@link ModelVerifier} that registration runs.
 */
@AutoConfiguration(after = RegistryAutoConfiguration.class)
@EnableConfigurationProperties(RuntimeProperties.class)
public final class LoadingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeVersionLoader cascadeVersionLoader(ModelResolver resolver, RuntimeProperties properties) {
		return new RegistryCascadeVersionLoader(resolver, properties.ortOptions());
	}

	@Bean
	@ConditionalOnMissingBean
	ModelVerifier modelVerifier(ModelResolver resolver) {
		return new ModelVerifier(resolver);
	}

}
