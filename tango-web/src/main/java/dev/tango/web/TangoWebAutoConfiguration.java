package dev.tango.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tango.web.params.SingleValuedParameters;

/**
 * Auto-configuration of the hardened embedded Tomcat of a servlet service (see
 * {@link TangoWebProperties}), of the dispatcher servlet that answers TRACE without
 * echoing the request ({@link TraceAnsweringDispatcherServlet}), and of the checks that
 * Spring MVC applies to every request's parameters ({@link SingleValuedParameters}).
 */
@AutoConfiguration(before = DispatcherServletAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
@EnableConfigurationProperties({ TangoWebProperties.class, WebMvcProperties.class })
public final class TangoWebAutoConfiguration {

	@Bean
	TomcatHardening tangoTomcatHardening(TangoWebProperties properties) {
		return new TomcatHardening(properties);
	}

	/**
	 * The dispatcher servlet, set up from {@link WebMvcProperties} as Spring Boot's own,
	 * answering TRACE through Spring MVC ({@link TraceAnsweringDispatcherServlet}); the
	 * connector lets TRACE through ({@link TomcatHardening}).
	 * @param properties Spring MVC's settings
	 * @return the servlet
	 */
	@Bean(name = DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME)
	DispatcherServlet dispatcherServlet(WebMvcProperties properties) {
		DispatcherServlet servlet = new TraceAnsweringDispatcherServlet();
		servlet.setDispatchOptionsRequest(properties.isDispatchOptionsRequest());
		servlet.setDispatchTraceRequest(true);
		servlet.setPublishEvents(properties.isPublishRequestHandledEvents());
		servlet.setEnableLoggingRequestDetails(properties.isLogRequestDetails());
		return servlet;
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
