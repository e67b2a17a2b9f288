package dev.tango.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Renders, for a browser, an error that Tomcat raised below the application (a malformed
 * path or header, a head too large), where the application's own error pages cannot
 * reach. A service with pages declares one as a bean; without one, or where it renders
 * nothing, such errors are JSON. It is called on the container's thread, before any
 * filter or servlet: it must not rely on the application's request context.
 */
@FunctionalInterface
public interface BrowserErrorPages {

	/**
	 * Renders the page of an error, if the request asks for one.
	 * @param request the request that failed, as far as it was read
	 * @param status the HTTP status
	 * @param title what the status means
	 * @param detail what went wrong, for people; not HTML-escaped
	 * @return the whole page, or {@code null} to answer with JSON
	 */
	@Nullable String render(HttpServletRequest request, int status, String title, String detail);

}
