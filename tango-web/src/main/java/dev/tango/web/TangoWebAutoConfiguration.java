package dev.tango.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tango.web.params.SingleValuedParameters;

/**
 * Auto-configuration of the hardened embedded Tomcat of a servlet service (see
 * {@link TangoWebProperties}), and of the checks that Spring MVC applies to every
 * request's parameters ({@link SingleValuedParameters}).
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

	@Bean
	WebMvcConfigurer tangoParameterChecks() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new SingleValuedParameters());
			}
		};
	}

}
