package dev.tango.api.web;

import java.io.IOException;

/**
 * A request body is larger than the service accepts. An {@link IOException}, so that it
 * can end the reading of a body that is streamed.
 */
public class BodyTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	public BodyTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes, the most this service accepts");
	}

}
