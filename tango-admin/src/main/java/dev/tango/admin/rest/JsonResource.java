package dev.tango.admin.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A REST resource of the admin: a {@link RestController} under a path whose handlers
 * produce JSON only ({@code application/json}, or {@code application/problem+json} for a
 * problem), so that a request accepting neither is refused with 406 before its handler
 * runs. A handler that writes something else says so with its own {@code produces}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping(produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
public @interface JsonResource {

	/**
	 * The path of the resource's handlers.
	 * @return the path, such as {@code /api/jobs}
	 */
	@AliasFor(annotation = RequestMapping.class, attribute = "path")
	String[] value();

}
