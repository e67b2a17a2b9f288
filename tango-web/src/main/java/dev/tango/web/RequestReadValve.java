package dev.tango.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
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
 * (whatever the application tried to write) and its connection closed; so is a body that
 * stops arriving for longer than the connector's read timeout.</li>
 * <li>A request whose body was left unread when the application answered (a refusal
 * before the body, such as a 401 or a 415) does not have its body drained by waiting for
 * it: what has already arrived (up to {@value #MAX_DISCARD} bytes) is dropped without
 * waiting, and if more is due the answer says {@code Connection: close} and the
 * connection is closed after it, so that a slow sender of a refused body holds nothing
 * and a client never sends its next request into a connection being closed. An answer the
 * application committed itself (Spring MVC flushes the bodies it writes) is announced so
 * by Tomcat when its request's declared length is not read by then (the connector
 * swallows nothing, see {@link TomcatHardening}); a chunked body left unread under an
 * answer already committed is the one case closed without the announcement.</li>
 * </ul>
 * Asynchronous requests are checked when their first dispatch returns; their bodies are
 * read by then.
 */
final class RequestReadValve extends ValveBase {

	/** The most bytes of an unread body dropped to keep its connection open. */
	private static final long MAX_DISCARD = 64 * 1024;

	private final long timeoutNanos;

	private final long readTimeoutMillis;

	private final ErrorBodies bodies;

	/**
	 * Creates the valve.
	 * @param timeoutNanos the longest reading a whole request may take
	 * @param readTimeoutMillis the longest a client may stay silent while its request is
	 * read (the connector's own timeout, named in the answer when it strikes)
	 * @param bodies writes the answers
	 */
	RequestReadValve(long timeoutNanos, long readTimeoutMillis, ErrorBodies bodies) {
		super(true);
		this.timeoutNanos = timeoutNanos;
		this.readTimeoutMillis = readTimeoutMillis;
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
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof SocketTimeoutException timeout
				&& !response.isCommitted()) {
			request.removeAttribute(RequestDispatcher.ERROR_EXCEPTION);
			response.reset();
			response.setSuspended(false);
			response.setStatus(408);
			response.setHeader(HttpHeaders.CONNECTION, "close");
			String what = (timeout instanceof RequestReadTimeoutException) ? timeout.getMessage()
					: "The request's body stopped arriving for " + this.readTimeoutMillis + " ms";
			this.bodies.write(request, response, ErrorBodies.REQUEST_TIMEOUT_TYPE,
					what + "; send the whole request at once, or in fewer, larger pieces");
		}
		AtomicBoolean bodyRead = new AtomicBoolean(true);
		coyote.action(ActionCode.REQUEST_BODY_FULLY_READ, bodyRead);
		if (!bodyRead.get()) {
			if (discardArrivedBody(request, coyote)) {
				return;
			}
			if (!response.isCommitted()) {
				// Say that the connection closes, and send the answer as it stands before
				// the connection is marked in error.
				response.setHeader(HttpHeaders.CONNECTION, "close");
				response.flushBuffer();
			}
			coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			// The answer is out: no error page is to be rendered for the closing.
			response.setErrorReported();
		}
	}

	/**
	 * Reads and drops what has already arrived of a body the application left unread, up
	 * to {@value #MAX_DISCARD} bytes, never waiting for more. A small body usually
	 * arrives with its head: dropping it lets the connection stay open, and closing a
	 * socket with unread bytes would send a reset that can destroy the answer on its way
	 * to the client.
	 * @return {@code true} if the whole body has now been read
	 */
	private static boolean discardArrivedBody(Request request, org.apache.coyote.Request coyote) {
		try {
			ServletInputStream in = request.getInputStream();
			byte[] buffer = new byte[8192];
			long discarded = 0;
			int available;
			while (discarded < MAX_DISCARD && !in.isFinished() && (available = in.available()) > 0) {
				int read = in.read(buffer, 0,
						(int) Math.min(Math.min(buffer.length, available), MAX_DISCARD - discarded));
				if (read < 0) {
					break;
				}
				discarded += read;
			}
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
		AtomicBoolean bodyRead = new AtomicBoolean(true);
		coyote.action(ActionCode.REQUEST_BODY_FULLY_READ, bodyRead);
		return bodyRead.get();
	}

}
