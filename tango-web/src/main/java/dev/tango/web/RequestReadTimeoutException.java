package dev.tango.web;

import java.net.SocketTimeoutException;

/**
 * Thrown by a read of a request body once the request has been read for longer than
 * {@code tango.web.request-read-timeout}. A socket timeout, so that Tomcat marks the
 * response 408 and the application's writes are dropped.
 */
final class RequestReadTimeoutException extends SocketTimeoutException {

	private static final long serialVersionUID = 1L;

	RequestReadTimeoutException(long timeoutMillis) {
		super("The request was not read within " + timeoutMillis + " ms");
	}

	/**
	 * Records no stack trace: when many slow clients reach their deadline together, each
	 * is cut without walking its request thread's stack, and the trace would only show
	 * the container's reading code.
	 * @return this exception
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
