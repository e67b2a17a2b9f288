package dev.tango.runtime.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.remote.CallHeaders;
import dev.tango.runtime.remote.RemoteOipKind;

/**
 * Auto-configuration of the inference runtime: its ONNX Runtime settings
 * ({@link RuntimeProperties}, {@code tango.runtime.*}) and the {@link TierKinds} that
 * open cascade tiers (those installed on the class path, unless the application defines
 * its own bean), the {@code remote-oip} kind configured by {@link RemoteTierProperties}
 * ({@code tango.runtime.remote.*}) and reading the secrets its specs name from the
 * environment (variables, system properties, or mounted secrets through
 * {@code spring.config.import=configtree:}), its calls carrying the headers of the
 * application's {@link CallHeaders} bean if it defines one (the trace context). Needs no
 * database: the registry's loading builds on it.
 */
@AutoConfiguration
@EnableConfigurationProperties({ RuntimeProperties.class, RemoteTierProperties.class })
public final class RuntimeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TierKinds tierKinds(RemoteTierProperties remote, Environment environment, ObjectProvider<CallHeaders> headers) {
		return TierKinds.installed()
			.with(new RemoteOipKind(remote.endpointPolicy(), environment::getProperty,
					headers.getIfAvailable(() -> CallHeaders.NONE)));
	}

}
