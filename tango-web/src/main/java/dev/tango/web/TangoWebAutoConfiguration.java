package dev.tango.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tango.web.params.SingleValuedParameters;

/**
 * Auto-configuration of the hardened embedded Tomcat of a servlet service (see
 * {@link TangoWebProperties}), of the checks that Spring MVC applies to every request's
 * parameters ({@link SingleValuedParameters}), and of {@code /error} answered as a
 * problem ({@link ProblemErrorController}, in place of Spring Boot's). The errors that
 * Tomcat raises below the application get the types of the service's
 * {@link StatusProblemKinds} bean, and for browsers its {@link BrowserErrorPages}, if it
 * declares them.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
@EnableConfigurationProperties(TangoWebProperties.class)
public final class TangoWebAutoConfiguration {

	@Bean
	TomcatHardening tangoTomcatHardening(TangoWebProperties properties, ObjectProvider<StatusProblemKinds> kinds,
			ObjectProvider<BrowserErrorPages> pages) {
		return new TomcatHardening(properties, kinds.getIfAvailable(() -> StatusProblemKinds.ABOUT_BLANK),
				pages.getIfAvailable());
	}

	@Bean
	ProblemErrorController tangoProblemErrorController() {
		return new ProblemErrorController();
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
