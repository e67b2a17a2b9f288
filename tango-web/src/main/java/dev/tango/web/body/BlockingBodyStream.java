package dev.tango.web.body;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that filters a container's body stream and is read blocking only, as
 * Spring MVC reads bodies: {@link #setReadListener(ReadListener) non-blocking reads} are
 * refused, and closing it closes the container's stream.
 */
public abstract class BlockingBodyStream extends ServletInputStream {

	/** The container's body stream. */
	protected final ServletInputStream raw;

	/**
	 * Wraps a body stream.
	 * @param raw the container's body stream
	 */
	protected BlockingBodyStream(ServletInputStream raw) {
		this.raw = raw;
	}

	/**
	 * Refuses non-blocking reads.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public final void setReadListener(ReadListener listener) {
		throw new UnsupportedOperationException("Non-blocking reads are not supported");
	}

	@Override
	public void close() throws IOException {
		this.raw.close();
	}

}
