package dev.tango.runtime.artifact;

import java.io.IOException;
import java.time.Duration;

/**
 * A download was stopped because it passed one of its {@link TransferLimits}. The message
 * names the URI, the bytes received and the limit, such as {@code Download of
 * https://host/model.onnx stopped after 1200 bytes: fewer than 65536 bytes arrived within
 * 60 s (low-speed limit)}.
 */
public class TransferLimitException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String uri;

	private final long bytesReceived;

	private final Limit limit;

	/**
	 * Creates an exception.
	 * @param uri the URI downloaded
	 * @param bytesReceived the bytes received before the download was stopped
	 * @param limit the limit passed
	 * @param limits the download's limits, for the message
	 */
	public TransferLimitException(String uri, long bytesReceived, Limit limit, TransferLimits limits) {
		super("Download of " + uri + " stopped after " + bytesReceived + " bytes: " + describe(limit, limits));
		this.uri = uri;
		this.bytesReceived = bytesReceived;
		this.limit = limit;
	}

	/**
	 * Returns the URI downloaded.
	 * @return the URI, as the downloader named it
	 */
	public String uri() {
		return this.uri;
	}

	/**
	 * Returns the bytes received before the download was stopped.
	 * @return the count, at least 0
	 */
	public long bytesReceived() {
		return this.bytesReceived;
	}

	/**
	 * Returns the limit passed.
	 * @return the limit
	 */
	public Limit limit() {
		return this.limit;
	}

	private static String describe(Limit limit, TransferLimits limits) {
		return switch (limit) {
			case DEADLINE -> "it took longer than its deadline of " + text(limits.deadline());
			case LOW_SPEED -> "fewer than " + limits.lowSpeedBytes() + " bytes arrived within "
					+ text(limits.lowSpeedWindow()) + " (low-speed limit)";
		};
	}

	private static String text(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/** The limits a download can pass. */
	public enum Limit {

		/** The download took longer than its deadline. */
		DEADLINE,

		/** Too few bytes arrived within the low-speed window. */
		LOW_SPEED

	}

}
