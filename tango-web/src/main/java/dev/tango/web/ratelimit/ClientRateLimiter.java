package dev.tango.web.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Items each client may send per period: a token bucket per client, holding at most a
 * period's worth of items and refilled continuously. Memory is bounded: a client idle for
 * longer than the idle time is forgotten (its bucket would be full again by then, so
 * forgetting it changes nothing), and past the most clients tracked the one idle for
 * longest is forgotten to make room. Thread-safe: one lock, held for a map look-up and a
 * little arithmetic.
 */
public final class ClientRateLimiter {

	private final double capacity;

	private final double tokensPerNano;

	private final int maxClients;

	private final long idleNanos;

	private final LongSupplier nanoTime;

	/** Least recently seen first. */
	private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * Creates the limiter.
	 * @param items the items a client may send per period, and in one burst; at least 1
	 * @param period the period, positive
	 * @param maxClients the most clients tracked at once; at least 1
	 * @param idleTime how long a client is remembered after its last request; at least
	 * the period its bucket takes to fill
	 * @param nanoTime the time in nanoseconds, such as {@link System#nanoTime()}
	 * @throws IllegalArgumentException if a number is out of range
	 */
	public ClientRateLimiter(int items, Duration period, int maxClients, Duration idleTime, LongSupplier nanoTime) {
		if (items < 1 || maxClients < 1) {
			throw new IllegalArgumentException(
					"items and maxClients must be at least 1, were " + items + " and " + maxClients);
		}
		if (period.isNegative() || period.isZero() || idleTime.compareTo(period) < 0) {
			throw new IllegalArgumentException(
					"period must be positive and idleTime at least the period, were " + period + " and " + idleTime);
		}
		this.capacity = items;
		this.tokensPerNano = items / (double) period.toNanos();
		this.maxClients = maxClients;
		this.idleNanos = idleTime.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes permission for a client to send items, or takes nothing.
	 * @param client who sends them
	 * @param items how many, at most the items per period
	 * @return zero if taken; else how long until the client may send that many
	 */
	public synchronized Duration tryAcquire(String client, int items) {
		long now = this.nanoTime.getAsLong();
		forgetIdle(now);
		Bucket bucket = this.buckets.get(client);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxClients) {
				Iterator<Bucket> eldest = this.buckets.values().iterator();
				eldest.next();
				eldest.remove();
			}
			bucket = new Bucket(this.capacity, now);
			this.buckets.put(client, bucket);
		}
		bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.seen) * this.tokensPerNano);
		bucket.seen = now;
		if (bucket.tokens >= items) {
			bucket.tokens -= items;
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) Math.ceil((items - bucket.tokens) / this.tokensPerNano));
	}

	/**
	 * Gives back items taken by {@link #tryAcquire(String, int)} and then not sent
	 * (another limit refused them).
	 * @param client who took them
	 * @param items how many
	 */
	public synchronized void release(String client, int items) {
		Bucket bucket = this.buckets.get(client);
		if (bucket != null) {
			bucket.tokens = Math.min(this.capacity, bucket.tokens + items);
		}
	}

	/**
	 * Returns how many clients are tracked.
	 * @return at most the most clients tracked
	 */
	synchronized int clients() {
		return this.buckets.size();
	}

	private void forgetIdle(long now) {
		Iterator<Map.Entry<String, Bucket>> eldest = this.buckets.entrySet().iterator();
		while (eldest.hasNext() && now - eldest.next().getValue().seen > this.idleNanos) {
			eldest.remove();
		}
	}

	/** A client's items left, as of when it was last seen. */
	private static final class Bucket {

		double tokens;

		long seen;

		Bucket(double tokens, long seen) {
			this.tokens = tokens;
			this.seen = seen;
		}

	}

}
