package dev.tango.admin.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes, for errors that reach {@code /error}, plus
 * {@code signedIn}: whether the client is signed in, so that the {@link ProblemPage}
 * template shows the pages' navigation only to those who may use it.
 */
@Component
class AdminErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		attributes.put("signedIn", ProblemPage.signedIn());
		return attributes;
	}

}
