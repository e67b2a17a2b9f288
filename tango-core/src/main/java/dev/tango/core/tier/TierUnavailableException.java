package dev.tango.core.tier;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a tier cannot classify a batch because a service it depends on is out of
 * reach (down, too slow, refusing or answering nonsense), as opposed to a model that is
 * broken: the same batch may succeed later. Servers answer it as "service unavailable"
 * with a {@link #retryAfter() retry delay}, unless the tier was configured to
 * {@link #fallBack() fall back}: then the batching cascade answers the batch's inputs
 * with the previous tier's predictions, marked as
 * {@link dev.tango.core.cascade.Prediction#fallback() fallbacks}.
 */
public class TierUnavailableException extends TierException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	private final boolean fallBack;

	/**
	 * Creates the exception for a tier that does not fall back.
	 * @param message what is out of reach and why
	 * @param retryAfter how long a client should wait before trying again, not negative
	 * @param cause the underlying failure, or {@code null}
	 */
	public TierUnavailableException(String message, Duration retryAfter, @Nullable Throwable cause) {
		this(message, retryAfter, false, cause);
	}

	/**
	 * Creates the exception.
	 * @param message what is out of reach and why
	 * @param retryAfter how long a client should wait before trying again, not negative
	 * @param fallBack whether the inputs may be answered by the previous tier instead
	 * @param cause the underlying failure, or {@code null}
	 */
	public TierUnavailableException(String message, Duration retryAfter, boolean fallBack, @Nullable Throwable cause) {
		super(message, cause);
		this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
		this.fallBack = fallBack;
	}

	/**
	 * Returns whether the failed inputs may be answered by the tier before the one that
	 * failed, as fallbacks, rather than fail.
	 * @return {@code true} if the tier was configured to fall back
	 */
	public boolean fallBack() {
		return this.fallBack;
	}

	/**
	 * Returns how long a client should wait before trying again.
	 * @return the delay, not negative
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
