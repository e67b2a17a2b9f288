package dev.tango.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * When a call is tried again. A call is retried only while both limits hold: at most
 * {@code maxAttempts} attempts, and the next attempt must start before {@code deadline}
 * has passed since the first began (every attempt's own timeout is cut to what is left of
 * it too). What is retried:
 * <ul>
 * <li>429 and 503 answers, after the delay of their {@code Retry-After} header (seconds
 * or an HTTP date) plus the backoff, or after the backoff alone when they have none; if
 * that wait ends past the deadline, the call fails at once with the answer's
 * {@link TangoApiException}, which carries the delay;</li>
 * <li>a failure to connect (nothing was sent), for every call, after the backoff;</li>
 * <li>any other I/O failure (a connection reset or a timeout after the request was sent)
 * for idempotent calls ({@code GET}) only, after the backoff.</li>
 * </ul>
 * No other answer is retried: not 4xx other than 429, not 500. The backoff doubles from
 * {@code initialBackoff} up to {@code maxBackoff}, each wait drawn at random in its upper
 * half, so that refused clients do not come back together. Added to {@code Retry-After},
 * it makes the wait never shorter than the service asked, longer by at most
 * {@code maxBackoff}, and at least half of {@code initialBackoff} even when the service
 * asks for no wait ({@code Retry-After: 0} or a date past).
 *
 * @param maxAttempts the most attempts, the first included; at least 1
 * @param deadline the longest time from the first attempt's start to the last one's
 * start, waits included; positive
 * @param initialBackoff the wait before the first retry of an answer without
 * {@code Retry-After} or of an I/O failure; not negative
 * @param maxBackoff the longest such wait; at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration deadline, Duration initialBackoff, Duration maxBackoff) {

	/**
	 * Checks the limits.
	 * @throws IllegalArgumentException if a limit is out of its range
	 */
	public RetryPolicy {
		Objects.requireNonNull(deadline, "deadline");
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (deadline.isNegative() || deadline.isZero()) {
			throw new IllegalArgumentException("deadline must be positive, was " + deadline);
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("backoff must be at least zero and initialBackoff (" + initialBackoff
					+ ") at most maxBackoff (" + maxBackoff + ")");
		}
	}

	/**
	 * The default: up to 4 attempts within 30 seconds, backoff from 200 ms to 5 s.
	 * @return the policy
	 */
	public static RetryPolicy defaults() {
		return of(4, Duration.ofSeconds(30));
	}

	/**
	 * One attempt only: every failure is the caller's to handle.
	 * @return the policy
	 */
	public static RetryPolicy none() {
		return new RetryPolicy(1, ChronoUnit.FOREVER.getDuration(), Duration.ZERO, Duration.ZERO);
	}

	/**
	 * A policy with the default backoff (200 ms doubling up to 5 s).
	 * @param maxAttempts the most attempts, the first included
	 * @param deadline the longest time from the first attempt's start to the last one's
	 * @return the policy
	 */
	public static RetryPolicy of(int maxAttempts, Duration deadline) {
		return new RetryPolicy(maxAttempts, deadline, Duration.ofMillis(200), Duration.ofSeconds(5));
	}

	/**
	 * Draws the wait before a retry: the {@code Retry-After} delay, if the answer asked
	 * for one, plus the backoff drawn at random in its upper half.
	 * @param retry the retry's number, 1 for the first
	 * @param retryAfter the delay the answer asked for, or {@code null}
	 * @return the wait in nanoseconds, {@link Long#MAX_VALUE} for any longer
	 */
	long waitNanos(int retry, @Nullable Duration retryAfter) {
		long backoff = backoffNanos(retry);
		long jittered = (backoff < 2) ? backoff
				: backoff / 2 + ThreadLocalRandom.current().nextLong(backoff - backoff / 2 + 1);
		long asked = (retryAfter != null) ? TimeUnit.NANOSECONDS.convert(retryAfter) : 0;
		return (asked > Long.MAX_VALUE - jittered) ? Long.MAX_VALUE : asked + jittered;
	}

	/**
	 * The backoff before a retry, before jitter: {@code initialBackoff} doubled, at most
	 * {@code maxBackoff}.
	 */
	private long backoffNanos(int retry) {
		long max = TimeUnit.NANOSECONDS.convert(this.maxBackoff);
		long wait = TimeUnit.NANOSECONDS.convert(this.initialBackoff);
		for (int i = 1; i < retry && wait < max; i++) {
			wait = (wait > max / 2) ? max : wait * 2;
		}
		return Math.min(wait, max);
	}

}
