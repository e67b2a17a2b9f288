package dev.tango.models.loading;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.RegistryAutoConfiguration;
import dev.tango.runtime.autoconfigure.RuntimeAutoConfiguration;
import dev.tango.runtime.autoconfigure.RuntimeProperties;
import dev.tango.runtime.cascade.TierKinds;

/**
 * Auto-configuration of the {@link CascadeVersionLoader}, which opens registered cascade
 * versions through the runtime's tier kinds with its settings (both from
 * {@link RuntimeAutoConfiguration}), and of the {@link ModelVerifier} that registration
 * runs.
 */
@AutoConfiguration(after = { RuntimeAutoConfiguration.class, RegistryAutoConfiguration.class })
public final class LoadingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeVersionLoader cascadeVersionLoader(ModelResolver resolver, RuntimeProperties properties, TierKinds kinds) {
		return new RegistryCascadeVersionLoader(resolver, properties.ortOptions(), kinds);
	}

	@Bean
	@ConditionalOnMissingBean
	ModelVerifier modelVerifier(ModelResolver resolver, TierKinds kinds) {
		return new ModelVerifier(resolver, kinds);
	}

}
