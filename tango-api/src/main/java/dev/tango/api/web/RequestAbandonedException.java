package dev.tango.api.web;

/**
 * The client closed its connection before its answer was ready; the request's queued work
 * was dropped. Nothing can be sent back.
 */
public class RequestAbandonedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RequestAbandonedException() {
		super("The client closed the connection before the answer was ready", null, false, false);
	}

}
