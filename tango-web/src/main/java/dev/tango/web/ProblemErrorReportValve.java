package dev.tango.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.res.StringManager;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's error report of the host, in JSON: errors that Tomcat raises before the
 * request reaches the application, or that the application left without a body (an
 * encoded slash or a {@code %00} in the path, a malformed or over-long request line or
 * header), become problem details, or {@code {"error": "..."}} under the protocol paths,
 * instead of Tomcat's HTML page. Errors the application wrote a body for are left alone.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	/** The message of Tomcat's parser, in the server's language, for a head too large. */
	private static final String TOO_LARGE = StringManager.getManager(Http11InputBuffer.class)
		.getString("iib.requestheadertoolarge.error");

	private final ErrorBodies bodies;

	ProblemErrorReportValve(ErrorBodies bodies) {
		this.bodies = bodies;
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		this.bodies.write(request, response, "about:blank", detail(request, response, throwable));
	}

	/**
	 * Tomcat's message for the response if it gave one; else, for a request line or
	 * header that Tomcat's parser refused (with 400 and an
	 * {@link IllegalArgumentException}), the parser's reason, or for a request line and
	 * headers too large to read, the limit and what to do instead; else what the status
	 * means for a request Tomcat refused (400, 501, 505), or the status alone. The
	 * message of any other exception is not echoed.
	 */
	private static String detail(Request request, Response response, @Nullable Throwable throwable) {
		String message = response.getMessage();
		if (message != null && !message.isBlank()) {
			return message;
		}
		int status = response.getStatus();
		if (status != 400 || !(throwable instanceof IllegalArgumentException)) {
			return switch (status) {
				case 400 -> "The request breaks HTTP/1.1 in its request line or headers, such as a missing or "
						+ "repeated Host, or a Content-Length repeated or not a number";
				case 501 -> "The request's Transfer-Encoding is not supported: send its body as is, or chunked";
				case 505 -> "The request's HTTP version is not supported: use HTTP/1.1";
				default -> "Tomcat refused the request with status " + status;
			};
		}
		if (TOO_LARGE.equals(throwable.getMessage())
				&& request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
			return "The request line and headers are larger than the " + http.getMaxHttpRequestHeaderSize()
					+ " bytes this server reads: send long data in the request body, not in the query string "
					+ "or a header";
		}
		return "The request line or a header is malformed: " + throwable.getMessage();
	}

}
