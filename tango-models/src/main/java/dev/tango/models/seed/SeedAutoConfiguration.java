package dev.tango.models.seed;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.RegistryAutoConfiguration;
import dev.tango.models.registry.RegistryProperties;

/**
 * Auto-configuration of the seeder of the default cascade ({@code tango.registry.seed}).
 */
@AutoConfiguration(after = RegistryAutoConfiguration.class)
public final class SeedAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeSeeder cascadeSeeder(ModelRegistry registry, PlatformTransactionManager transactionManager,
			ResourceLoader resourceLoader, ArtifactUriValidator validator, RegistryProperties properties) {
		return new CascadeSeeder(registry, new TransactionTemplate(transactionManager), resourceLoader, validator,
				properties.seed());
	}

}
