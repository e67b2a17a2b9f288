package dev.tango.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.MimeHeaders;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Refuses with 400 a request whose {@code Accept} header cannot be parsed (no list of
 * media types, or a quality that is no number from 0 to 1), before the application.
 * Spring MVC would answer it with a bare status: it may write no type the client accepts.
 * The answer is a problem detail, or {@code {"error": "..."}} under the protocol paths.
 * The {@code charset} parameters of an {@code Accept} header that parses are dropped
 * before the application sees it: the services write UTF-8 only (JSON has no other, RFC
 * 8259), and Spring MVC would otherwise choose a type with the client's charset that its
 * JSON writer cannot write, failing after the request's work was done. Runs after the
 * {@link RequestReadValve}, which then deals with a body left unread.
 */
final class AcceptHeaderValve extends ValveBase {

	private static final String CHARSET = "charset";

	private final ErrorBodies bodies;

	AcceptHeaderValve(ErrorBodies bodies) {
		super(true);
		this.bodies = bodies;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		List<MediaType> accepted = new ArrayList<>();
		boolean charsets = false;
		Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
		while (values != null && values.hasMoreElements()) {
			try {
				for (MediaType type : MediaType.parseMediaTypes(values.nextElement())) {
					charsets |= type.getParameter(CHARSET) != null;
					accepted.add(type);
				}
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
		if (charsets) {
			MimeHeaders headers = request.getCoyoteRequest().getMimeHeaders();
			headers.removeHeader(HttpHeaders.ACCEPT);
			headers.addValue(HttpHeaders.ACCEPT)
				.setString(MediaType.toString(accepted.stream().map(AcceptHeaderValve::withoutCharset).toList()));
		}
		getNext().invoke(request, response);
	}

	private static MediaType withoutCharset(MediaType type) {
		Map<String, String> parameters = new LinkedHashMap<>(type.getParameters());
		parameters.keySet().removeIf(CHARSET::equalsIgnoreCase);
		return new MediaType(type.getType(), type.getSubtype(), parameters);
	}

}
