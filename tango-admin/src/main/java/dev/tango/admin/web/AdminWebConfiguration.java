package dev.tango.admin.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.tango.web.body.StrictBodyFilter;

/**
 * Registers {@link StrictBodyFilter} for every request, after the security filters, so
 * that a caller who is not signed in is told so first.
 */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration {

	@Bean
	FilterRegistrationBean<StrictBodyFilter> tangoStrictBodyFilter(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
		return StrictBodyFilter.registration(errors, 0);
	}

}
