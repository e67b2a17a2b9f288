package dev.tango.api.web;

/**
 * A request body has a content encoding the service does not decode.
 */
public class UnsupportedContentEncodingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UnsupportedContentEncodingException(String encoding) {
		super("Content-Encoding '" + encoding + "' is not supported; send the body as is (identity) or gzip");
	}

}
