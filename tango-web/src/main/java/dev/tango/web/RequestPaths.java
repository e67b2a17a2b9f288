package dev.tango.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The path of a request as its client sent it, for the problems both services answer
 * with, and the way back to a service's root from a path below it. Stateless.
 */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * Returns a request's path, without the context path; for the container's dispatch of
	 * an error to {@code /error}, the path of the request that failed.
	 * @param request the request
	 * @return the path as sent (still percent-encoded), or {@code null} outside a servlet
	 * request
	 */
	public static @Nullable String of(WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest) {
			HttpServletRequest servlet = nativeRequest.getNativeRequest(HttpServletRequest.class);
			if (servlet != null) {
				String uri = (servlet.getDispatcherType() == DispatcherType.ERROR
						&& servlet.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) ? failed
								: servlet.getRequestURI();
				String context = servlet.getContextPath();
				return (context != null && !context.isEmpty() && uri.startsWith(context))
						? uri.substring(context.length()) : uri;
			}
		}
		return null;
	}

	/**
	 * Returns the detail of a 404 for a path no endpoint serves: the method and the path
	 * as sent (not Spring's "No static resource"), and that paths take no trailing slash
	 * where the path ends with one.
	 * @param ex the exception Spring MVC raised
	 * @param request the request
	 * @return the detail
	 */
	public static String noEndpoint(NoResourceFoundException ex, WebRequest request) {
		String path = of(request);
		String shown = (path != null) ? path : "/" + ex.getResourcePath();
		String hint = (shown.length() > 1 && shown.endsWith("/")) ? ": paths take no trailing slash" : "";
		return "No endpoint " + ex.getHttpMethod() + " " + shown + hint;
	}

	/**
	 * Returns the relative URL of the service's root from a page at a path below it: the
	 * OpenAPI specification resolves a relative server URL against the description's own
	 * URL, whatever host, context path or proxy prefix that URL has.
	 * @param path the page's path below the root, such as {@code /v3/api-docs}
	 * @return {@code ./} for a page at the root, else {@code ../} once per folder above
	 * the page, such as {@code ../} for {@code /v3/api-docs} (a path ending in {@code /}
	 * names a folder)
	 */
	public static String rootFrom(String path) {
		String below = path.startsWith("/") ? path.substring(1) : path;
		long folders = below.chars().filter((c) -> c == '/').count();
		return (folders == 0) ? "./" : "../".repeat((int) folders);
	}

}
