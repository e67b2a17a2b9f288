package dev.tango.core.tier;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a tier cannot classify a batch because a service it depends on is out of
 * reach (down, too slow, refusing or answering nonsense), as opposed to a model that is
 * broken: the same batch may succeed later. Servers answer it as "service unavailable"
 * with a {@link #retryAfter() retry delay}.
 */
public class TierUnavailableException extends TierException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	/**
	 * Creates the exception.
	 * @param message what is out of reach and why
	 * @param retryAfter how long a client should wait before trying again, not negative
	 * @param cause the underlying failure, or {@code null}
	 */
	public TierUnavailableException(String message, Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/**
	 * Returns how long a client should wait before trying again.
	 * @return the delay, not negative
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
