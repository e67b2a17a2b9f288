package dev.tango.admin.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.tango.web.BrowserErrorPages;
import dev.tango.web.StatusProblemKinds;
import dev.tango.web.body.StrictBodyFilter;

/**
 * Registers {@link StrictBodyFilter} for every request, after the security filters, so
 * that a caller who is not signed in is told so first; reads enum parameters in any case;
 * adds the {@link ProblemPageConverter} after every other message converter; and gives
 * the errors that Tomcat raises below the application the admin's problem types, and a
 * browser its problem page.
 */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

	private final ProblemPage problemPage;

	AdminWebConfiguration(ProblemPage problemPage) {
		this.problemPage = problemPage;
	}

	/**
	 * Adds Spring Boot's application converters, which read an enum parameter leniently,
	 * in any case ({@code queued} is {@code QUEUED}), as request bodies are read
	 * ({@code spring.jackson.mapper.accept-case-insensitive-enums}).
	 */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		ApplicationConversionService.addApplicationConverters(registry);
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder
			.configureMessageConvertersList((converters) -> converters.add(new ProblemPageConverter(this.problemPage)));
	}

	@Bean
	StatusProblemKinds adminStatusProblemKinds() {
		return ProblemResponses::kindOf;
	}

	/**
	 * Shows a browser the errors that Tomcat raises below the application as the problem
	 * page, bare.
	 * @return the pages
	 */
	@Bean
	BrowserErrorPages adminBrowserErrorPages() {
		return (request, status, title, detail) -> ProblemPage.preferredBy(request)
				? ProblemPage.bare(status, title, detail) : null;
	}

	@Bean
	FilterRegistrationBean<StrictBodyFilter> tangoStrictBodyFilter(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
		return StrictBodyFilter.registration(errors, 0);
	}

}
