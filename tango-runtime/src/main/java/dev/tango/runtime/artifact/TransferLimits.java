package dev.tango.runtime.artifact;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on one download as a whole, on top of the bound a read timeout sets on each
 * read: a server that keeps sending a byte now and then passes every read timeout but not
 * these. A download is stopped with a {@link TransferLimitException} when
 * <ul>
 * <li>{@code deadline} has passed since it {@link #start started} (connections, redirects
 * and every byte of the response included), or</li>
 * <li>fewer than {@code lowSpeedBytes} bytes arrived within {@code lowSpeedWindow}: the
 * window starts with the download and starts again each time {@code lowSpeedBytes} more
 * bytes have arrived, so a download must keep an average of at least
 * {@code lowSpeedBytes / lowSpeedWindow}, and a stalled one stops one window after the
 * last such mark.</li>
 * </ul>
 * The defaults ({@link #defaults()}): a deadline of 1 hour, and at least 64 KiB a minute
 * (about 1 KiB/s).
 *
 * @param deadline the longest a whole download may take; positive
 * @param lowSpeedBytes the fewest bytes that must arrive within each window; 0 turns the
 * low-speed limit off
 * @param lowSpeedWindow the window of the low-speed limit; positive
 */
public record TransferLimits(Duration deadline, long lowSpeedBytes, Duration lowSpeedWindow) {

	/** The default deadline of a download. */
	public static final Duration DEFAULT_DEADLINE = Duration.ofHours(1);

	/** The default number of bytes that must arrive within each window. */
	public static final long DEFAULT_LOW_SPEED_BYTES = 64 * 1024;

	/** The default window of the low-speed limit. */
	public static final Duration DEFAULT_LOW_SPEED_WINDOW = Duration.ofMinutes(1);

	/**
	 * Checks the limits.
	 * @param deadline the longest a whole download may take; positive
	 * @param lowSpeedBytes the fewest bytes that must arrive within each window, at least
	 * 0 (off)
	 * @param lowSpeedWindow the window of the low-speed limit; positive
	 */
	public TransferLimits {
		Objects.requireNonNull(deadline, "deadline");
		Objects.requireNonNull(lowSpeedWindow, "lowSpeedWindow");
		if (!deadline.isPositive()) {
			throw new IllegalArgumentException("The deadline of a download must be positive, was " + deadline);
		}
		if (lowSpeedBytes < 0) {
			throw new IllegalArgumentException("The low-speed limit must be at least 0 bytes, was " + lowSpeedBytes);
		}
		if (!lowSpeedWindow.isPositive()) {
			throw new IllegalArgumentException("The low-speed window must be positive, was " + lowSpeedWindow);
		}
	}

	/**
	 * Returns the default limits: a deadline of {@link #DEFAULT_DEADLINE}, and at least
	 * {@link #DEFAULT_LOW_SPEED_BYTES} within each {@link #DEFAULT_LOW_SPEED_WINDOW}.
	 * @return the limits
	 */
	public static TransferLimits defaults() {
		return new TransferLimits(DEFAULT_DEADLINE, DEFAULT_LOW_SPEED_BYTES, DEFAULT_LOW_SPEED_WINDOW);
	}

	/**
	 * Starts timing one download: its deadline runs from now.
	 * @param uri the URI downloaded, named by the exception a limit throws
	 * @return the transfer, which the caller closes when the download ends
	 */
	public Transfer start(String uri) {
		return new Transfer(uri, this);
	}

}
