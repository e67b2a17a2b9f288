package dev.tango.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report of the host, in JSON: errors that Tomcat raises before the
 * request reaches the application, or that the application left without a body (an
 * encoded slash or a {@code %00} in the path, a malformed or over-long request line or
 * header), become problem details, or {@code {"error": "..."}} under the protocol paths,
 * instead of Tomcat's HTML page. Errors the application wrote a body for are left alone.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	private final ErrorBodies bodies;

	ProblemErrorReportValve(ErrorBodies bodies) {
		this.bodies = bodies;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String message = response.getMessage();
		String detail = (message != null && !message.isBlank()) ? message
				: "Tomcat refused the request with status " + status;
		this.bodies.write(request, response, "about:blank", detail);
	}

}
