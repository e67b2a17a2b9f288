package dev.tango.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Refuses with 400 a request whose {@code Accept} header cannot be parsed (no list of
 * media types, or a quality that is no number from 0 to 1), before the application.
 * Spring MVC would answer it with a bare status: it may write no type the client accepts.
 * The answer is a problem detail, or {@code {"error": "..."}} under the protocol paths.
 * Runs after the {@link RequestReadValve}, which then deals with a body left unread.
 */
final class AcceptHeaderValve extends ValveBase {

	private final ErrorBodies bodies;

	AcceptHeaderValve(ErrorBodies bodies) {
		super(true);
		this.bodies = bodies;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
		while (values != null && values.hasMoreElements()) {
			try {
				MediaType.parseMediaTypes(values.nextElement());
			}
			catch (InvalidMediaTypeException ex) {
				response.setStatus(400);
				this.bodies.write(request, response, null,
						"The Accept header cannot be parsed (" + ex.getMessage()
								+ "): list media types such as application/json, each with a quality q "
								+ "from 0 to 1 if any");
				return;
			}
		}
		getNext().invoke(request, response);
	}

}
