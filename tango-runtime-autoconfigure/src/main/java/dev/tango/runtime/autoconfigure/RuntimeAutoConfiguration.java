package dev.tango.runtime.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.remote.CallHeaders;
import dev.tango.runtime.remote.RemoteOipKind;
import dev.tango.runtime.remote.TlsBundles;

/**
 * Auto-configuration of the inference runtime: its ONNX Runtime settings
 * ({@link RuntimeProperties}, {@code tango.runtime.*}) and the {@link TierKinds} that
 * open cascade tiers (those installed on the class path, unless the application defines
 * its own bean), the {@code remote-oip} kind configured by {@link RemoteTierProperties}
 * ({@code tango.runtime.remote.*}) and reading the secrets its specs name, those declared
 * in {@code tango.runtime.remote.secrets} for the endpoint's host only, from the
 * environment (variables, system properties, or mounted secrets through
 * {@code spring.config.import=configtree:}), its calls carrying the headers of the
 * application's {@link CallHeaders} bean if it defines one (the trace context) and their
 * {@code tlsBundle} option naming one of the application's SSL bundles
 * ({@code spring.ssl.bundle.pem.*} or {@code spring.ssl.bundle.jks.*}: trust store, and
 * client key and certificate for mutual TLS). Needs no database: the registry's loading
 * builds on it.
 */
@AutoConfiguration
@EnableConfigurationProperties({ RuntimeProperties.class, RemoteTierProperties.class })
public final class RuntimeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TierKinds tierKinds(RemoteTierProperties remote, Environment environment, ObjectProvider<CallHeaders> headers,
			ObjectProvider<SslBundles> sslBundles) {
		return TierKinds.installed()
			.with(new RemoteOipKind(remote.endpointPolicy(), remote.remoteSecrets(environment::getProperty),
					headers.getIfAvailable(() -> CallHeaders.NONE), tlsBundles(sslBundles)));
	}

	/**
	 * Returns the TLS bundles of remote tiers: the application's SSL bundles, looked up
	 * when a tier opens so that a bundle's files are read as they are then.
	 */
	private static TlsBundles tlsBundles(ObjectProvider<SslBundles> sslBundles) {
		return (name) -> {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				return TlsBundles.NONE.context(name);
			}
			try {
				return bundles.getBundle(name).createSslContext();
			}
			catch (NoSuchSslBundleException ex) {
				throw new IllegalArgumentException("No TLS bundle '" + name + "' (option tlsBundle): define "
						+ "spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name + ".*", ex);
			}
			catch (IllegalStateException ex) {
				throw new IllegalArgumentException(
						"TLS bundle '" + name + "' (option tlsBundle) cannot be read: " + ex.getMessage(), ex);
			}
		};
	}

}
