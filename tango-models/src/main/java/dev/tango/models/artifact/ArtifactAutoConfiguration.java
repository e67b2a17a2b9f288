package dev.tango.models.artifact;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of artifact validation and of fetching artifacts into the store.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties(ArtifactProperties.class)
public final class ArtifactAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HostResolver artifactHostResolver() {
		return HostResolver.SYSTEM;
	}

	@Bean
	@ConditionalOnMissingBean
	AddressPolicy artifactAddressPolicy() {
		return AddressPolicy.PUBLIC_ONLY;
	}

	@Bean
	@ConditionalOnMissingBean
	ArtifactUriValidator artifactUriValidator(ArtifactProperties properties, HostResolver resolver,
			AddressPolicy addressPolicy) {
		return new ArtifactUriValidator(properties.allowedRoots(), properties.allowedHosts(), resolver, addressPolicy);
	}

	@Bean
	@ConditionalOnMissingBean
	ArtifactFetcher artifactFetcher(ArtifactProperties properties, ArtifactUriValidator validator,
			ObjectProvider<SslBundles> sslBundles, ResourceLoader resourceLoader) throws NoSuchAlgorithmException {
		SSLSocketFactory sockets;
		if (properties.sslBundle() != null) {
			SslBundles bundles = sslBundles.getObject();
			sockets = bundles.getBundle(properties.sslBundle()).createSslContext().getSocketFactory();
		}
		else {
			sockets = SSLContext.getDefault().getSocketFactory();
		}
		ClassLoader classLoader = (resourceLoader.getClassLoader() != null) ? resourceLoader.getClassLoader()
				: ClassUtils.getDefaultClassLoader();
		return new ArtifactFetcher(properties, validator, sockets, classLoader);
	}

}
