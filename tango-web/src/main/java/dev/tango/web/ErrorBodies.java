package dev.tango.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Writes the body of an error that Tomcat raised itself, below the application: an RFC
 * 9457 problem detail, or {@code {"error": "..."}} under the protocol paths, or the
 * service's {@link BrowserErrorPages page} where it renders one. Thread-safe.
 */
final class ErrorBodies {

	/** The problem type of a request that was not read in time. */
	static final String REQUEST_TIMEOUT_TYPE = "https://tango.dev/problems/request-timeout";

	/** Longer request URIs are not echoed as the problem's instance. */
	private static final int MAX_INSTANCE_LENGTH = 512;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> protocolErrorPaths;

	private final StatusProblemKinds kinds;

	private final @Nullable BrowserErrorPages pages;

	ErrorBodies(List<String> protocolErrorPaths, StatusProblemKinds kinds, @Nullable BrowserErrorPages pages) {
		this.protocolErrorPaths = List.copyOf(protocolErrorPaths);
		this.kinds = kinds;
		this.pages = pages;
	}

	/**
	 * Writes an error body into a response that nothing was written to, and commits it.
	 * The status must be set already.
	 * @param request the request
	 * @param response the response, not committed
	 * @param type the problem type URI (titled by the status's reason phrase), or
	 * {@code null} for the service's kind of problem of the status
	 * @param detail what went wrong, for the client
	 */
	void write(Request request, Response response, @Nullable String type, String detail) {
		int status = response.getStatus();
		StatusProblemKinds.ProblemKind kind = this.kinds.kindOf(status);
		String title = (type != null) ? StatusProblemKinds.reasonPhrase(status) : kind.title();
		String uri = request.getRequestURI();
		String page = page(request, status, title, detail);
		Map<String, Object> body = new LinkedHashMap<>();
		String contentType;
		if (page != null) {
			contentType = MediaType.TEXT_HTML_VALUE;
		}
		else if (uri != null && this.protocolErrorPaths.stream().anyMatch((path) -> isUnder(uri, path))) {
			body.put("error", detail);
			contentType = MediaType.APPLICATION_JSON_VALUE;
		}
		else {
			body.put("type", (type != null) ? type : kind.type().toString());
			body.put("title", title);
			body.put("status", status);
			body.put("detail", detail);
			if (uri != null && !uri.isEmpty() && uri.length() <= MAX_INSTANCE_LENGTH) {
				body.put("instance", uri);
			}
			contentType = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
		}
		try {
			response.setContentType(contentType);
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write((page != null) ? page : JSON.writeValueAsString(body));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nothing to add.
		}
	}

	/**
	 * The service's page of the error, or {@code null} if it renders none or fails to.
	 */
	private @Nullable String page(Request request, int status, String title, String detail) {
		if (this.pages == null) {
			return null;
		}
		try {
			return this.pages.render(request, status, title, detail);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Whether a path is under a prefix, or is the prefix without its trailing slash. */
	private static boolean isUnder(String uri, String prefix) {
		return uri.startsWith(prefix) || (prefix.endsWith("/") && uri.equals(prefix.substring(0, prefix.length() - 1)));
	}

}
