package dev.tango.api.web;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tango.api.ApiProperties;
import dev.tango.web.StatusProblemKinds;
import dev.tango.web.body.StrictBodyFilter;

/**
 * Web set-up: strict JSON scalars, the asynchronous request timeout, the body limits on
 * {@code /v1/*} and {@code /v2/*}, the refusal of wildcard content types and of JSON
 * bodies that are not UTF-8 everywhere, and, when enabled, the API-key check on
 * {@code /v1/*} and {@code /v2/models/*} (the health and server metadata endpoints of
 * {@code /v2} stay open, for probes).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final ApiProperties properties;

	WebConfiguration(ApiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
		configurer.setDefaultTimeout(AsyncResponses.servletTimeout(this.properties).toMillis());
	}

	/**
	 * Makes request bodies strict about scalars: a number or a boolean where a string is
	 * expected is an error, not converted.
	 * @return the customizer
	 */
	@Bean
	JsonMapperBuilderCustomizer tangoStrictScalars() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/**
	 * Gives the errors that Tomcat raises below the application the service's problem
	 * types and titles.
	 * @return the kinds by status
	 */
	@Bean
	StatusProblemKinds apiStatusProblemKinds() {
		return ProblemTypes::kindOf;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> tangoRequestBodyLimitFilter(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(this.properties.limits().maxBodySize().toBytes(), errors));
		registration.addUrlPatterns("/v1/*", "/v2/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<StrictBodyFilter> tangoStrictBodyFilter(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
		return StrictBodyFilter.registration(errors, Ordered.HIGHEST_PRECEDENCE + 30);
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> tangoApiKeyFilter(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
		ApiProperties.Auth auth = this.properties.auth();
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(auth.keys(), errors));
		registration.addUrlPatterns(ApiKeyFilter.URL_PATTERNS.toArray(String[]::new));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setEnabled(auth.enabled());
		return registration;
	}

}
