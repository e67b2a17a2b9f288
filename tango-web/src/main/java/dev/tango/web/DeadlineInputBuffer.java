package dev.tango.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.InputBuffer;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * Reads a request body through Tomcat's own input buffer, and fails every read that
 * starts or ends once the request has been read for longer than its deadline, counted
 * from the request's first byte. One is installed per Tomcat request object and serves
 * the requests that object is recycled for; used by one thread at a time, like the buffer
 * it wraps.
 */
final class DeadlineInputBuffer implements InputBuffer {

	private final InputBuffer delegate;

	private final Request request;

	private final long timeoutNanos;

	DeadlineInputBuffer(InputBuffer delegate, Request request, long timeoutNanos) {
		this.delegate = delegate;
		this.request = request;
		this.timeoutNanos = timeoutNanos;
	}

	@Override
	public int doRead(ApplicationBufferHandler handler) throws IOException {
		checkDeadline();
		int read = this.delegate.doRead(handler);
		if (read > 0) {
			checkDeadline();
		}
		return read;
	}

	@Override
	public int available() {
		return this.delegate.available();
	}

	private void checkDeadline() throws RequestReadTimeoutException {
		if (System.nanoTime() - this.request.getStartTimeNanos() > this.timeoutNanos) {
			throw new RequestReadTimeoutException(TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos));
		}
	}

}
