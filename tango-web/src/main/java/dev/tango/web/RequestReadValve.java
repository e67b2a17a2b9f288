package dev.tango.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.InputBuffer;

import org.springframework.http.HttpHeaders;

/**
 * Bounds how long a request may be read and how long its connection lives on after it.
 * <ul>
 * <li>The request body is read through a {@link DeadlineInputBuffer}: a read past the
 * request's deadline fails, and the request is answered 408 with a problem detail
 * (whatever the application tried to write) and its connection closed.</li>
 * <li>A request whose body was left unread when the application answered (a refusal
 * before the body, such as a 401) does not have its body drained to keep the connection
 * alive: the connection is closed after the answer, so that a slow sender of a refused
 * body holds nothing.</li>
 * </ul>
 * Asynchronous requests are checked when their first dispatch returns; their bodies are
 * read by then.
 */
final class RequestReadValve extends ValveBase {

	private final long timeoutNanos;

	private final ErrorBodies bodies;

	RequestReadValve(long timeoutNanos, ErrorBodies bodies) {
		super(true);
		this.timeoutNanos = timeoutNanos;
		this.bodies = bodies;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		org.apache.coyote.Request coyote = request.getCoyoteRequest();
		InputBuffer buffer = coyote.getInputBuffer();
		if (!(buffer instanceof DeadlineInputBuffer)) {
			coyote.setInputBuffer(new DeadlineInputBuffer(buffer, coyote, this.timeoutNanos));
		}
		getNext().invoke(request, response);
		if (request.isAsync()) {
			return;
		}
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof RequestReadTimeoutException timeout
				&& !response.isCommitted()) {
			request.removeAttribute(RequestDispatcher.ERROR_EXCEPTION);
			response.reset();
			response.setSuspended(false);
			response.setStatus(408);
			response.setHeader(HttpHeaders.CONNECTION, "close");
			this.bodies.write(request, response, ErrorBodies.REQUEST_TIMEOUT_TYPE,
					timeout.getMessage() + "; send the whole request at once, or in fewer, larger pieces");
		}
		AtomicBoolean bodyRead = new AtomicBoolean(true);
		coyote.action(ActionCode.REQUEST_BODY_FULLY_READ, bodyRead);
		if (!bodyRead.get()) {
			if (!response.isCommitted()) {
				// Send the answer as it stands before the connection is marked in error.
				response.flushBuffer();
			}
			coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			// The answer is out: no error page is to be rendered for the closing.
			response.setErrorReported();
		}
	}

}
