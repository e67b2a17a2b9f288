package dev.tango.admin.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link RequestBodyFilter} for every request, after the security filters, so
 * that a caller who is not signed in is told so first.
 */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyFilter> tangoRequestBodyFilter() {
		FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(new RequestBodyFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(0);
		return registration;
	}

}
