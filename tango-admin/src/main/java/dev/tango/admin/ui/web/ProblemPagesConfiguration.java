package dev.tango.admin.ui.web;

import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the {@link ProblemPageConverter} after every other message converter, so that a
 * problem is a page only for a client that prefers HTML to JSON.
 */
@Configuration(proxyBeanMethods = false)
class ProblemPagesConfiguration implements WebMvcConfigurer {

	private final ObjectProvider<ThymeleafViewResolver> views;

	ProblemPagesConfiguration(ObjectProvider<ThymeleafViewResolver> views) {
		this.views = views;
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList((converters) -> converters
			.add(new ProblemPageConverter((name, locale) -> this.views.getObject().resolveViewName(name, locale))));
	}

}
