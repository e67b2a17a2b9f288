package dev.tango.runtime.remote;

import javax.net.ssl.SSLContext;

/**
 * The TLS material remote tiers call with, by name: the trust store that decides which
 * server certificates a tier accepts and, for mutual TLS, the client key and certificate
 * it presents. A Spring application backs it with its SSL bundles
 * ({@code spring.ssl.bundle.pem.*} for PEM files, {@code spring.ssl.bundle.jks.*} for
 * PKCS12 or JKS stores); a tier names its bundle in its {@code tlsBundle} option.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface TlsBundles {

	/**
	 * No bundles: tiers that name one are refused; others use the JVM's default trust.
	 */
	TlsBundles NONE = (name) -> {
		throw new IllegalArgumentException(
				"No TLS bundle '" + name + "' (option tlsBundle): this runtime has no TLS bundles configured");
	};

	/**
	 * Returns a new TLS context of the named bundle.
	 * @param name the bundle's name
	 * @return the context, holding the bundle's trust material and key, if any
	 * @throws IllegalArgumentException if there is no bundle by that name, or its files
	 * cannot be read
	 */
	SSLContext context(String name);

}
