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

}
