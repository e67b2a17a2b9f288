package dev.tango.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

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
		this.bodies.write(request, response, null, detail(request, response, throwable));
	}

	/**
	 * Tomcat's message for the response if it gave one; else, for a 400 of a path whose
	 * percent-escapes are not UTF-8, that; else, for a request line or header that
	 * Tomcat's parser refused (with 400 and an {@link IllegalArgumentException}), the
	 * parser's reason, or for a request line and headers too large to read, the limit and
	 * what to do instead; else what the status means for a request Tomcat refused (400,
	 * 501, 505), or the status alone. The message of any other exception is not echoed.
	 */
	private static String detail(Request request, Response response, @Nullable Throwable throwable) {
		String message = response.getMessage();
		if (message != null && !message.isBlank()) {
			return message;
		}
		int status = response.getStatus();
		if (status == 400 && hasEscapesThatAreNotUtf8(request.getRequestURI())) {
			return "The request path holds percent-escapes that are not UTF-8 (such as %C0%AF or %FF): "
					+ "escape each character of a path as the bytes of its UTF-8 encoding";
		}
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

	/**
	 * Returns whether a path's percent-escapes, decoded, are not a UTF-8 byte sequence:
	 * Tomcat refuses such a path with a bare 400.
	 */
	static boolean hasEscapesThatAreNotUtf8(@Nullable String path) {
		if (path == null || path.indexOf('%') < 0) {
			return false;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%' && i + 2 < path.length() && HexFormat.isHexDigit(path.charAt(i + 1))
					&& HexFormat.isHexDigit(path.charAt(i + 2))) {
				bytes.write(HexFormat.fromHexDigits(path, i + 1, i + 3));
				i += 2;
			}
			else {
				bytes.write(c);
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
			return false;
		}
		catch (CharacterCodingException ex) {
			return true;
		}
	}

}
