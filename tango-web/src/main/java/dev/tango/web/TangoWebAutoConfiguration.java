package dev.tango.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the hardened embedded Tomcat of a servlet service; see
 * {@link TangoWebProperties}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
@EnableConfigurationProperties(TangoWebProperties.class)
public final class TangoWebAutoConfiguration {

	@Bean
	TomcatHardening tangoTomcatHardening(TangoWebProperties properties) {
		return new TomcatHardening(properties);
	}

}
