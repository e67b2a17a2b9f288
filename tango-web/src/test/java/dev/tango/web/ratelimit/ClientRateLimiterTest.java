package dev.tango.web.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-client token buckets on a clock the test moves: each client's own rate, the
 * wait it is told, items given back, and the bound on the clients remembered.
 */
class ClientRateLimiterTest {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final ClientRateLimiter limiter = new ClientRateLimiter(100, Duration.ofSeconds(1), 3,
			Duration.ofSeconds(10), this.now::get);

	@Test
	void refusesAClientPastItsRateWhileAnotherStillSends() {
		assertThat(this.limiter.tryAcquire("a", 60)).isZero();
		assertThat(this.limiter.tryAcquire("a", 40)).isZero();
		// 30 more would need 0.3 s of refill at 100 items per second.
		assertThat(this.limiter.tryAcquire("a", 30)).isEqualTo(Duration.ofMillis(300));
		assertThat(this.limiter.tryAcquire("b", 100)).isZero();
		advance(Duration.ofMillis(300));
		assertThat(this.limiter.tryAcquire("a", 30)).isZero();
		assertThat(this.limiter.tryAcquire("a", 1)).isPositive();
	}

	@Test
	void aRefusedRequestTakesNothingAndItemsGivenBackCanBeSentAgain() {
		assertThat(this.limiter.tryAcquire("a", 80)).isZero();
		assertThat(this.limiter.tryAcquire("a", 30)).isPositive();
		assertThat(this.limiter.tryAcquire("a", 20)).isZero();
		this.limiter.release("a", 50);
		assertThat(this.limiter.tryAcquire("a", 50)).isZero();
		// A bucket never holds more than a second's worth, however long it waits.
		advance(Duration.ofSeconds(5));
		assertThat(this.limiter.tryAcquire("a", 101)).isPositive();
		assertThat(this.limiter.tryAcquire("a", 100)).isZero();
	}

	@Test
	void forgetsIdleClientsAndTracksAtMostTheMostClients() {
		this.limiter.tryAcquire("a", 100);
		advance(Duration.ofSeconds(1));
		this.limiter.tryAcquire("b", 100);
		this.limiter.tryAcquire("c", 100);
		assertThat(this.limiter.clients()).isEqualTo(3);
		// A fourth client makes room by forgetting the one idle for longest.
		this.limiter.tryAcquire("d", 100);
		assertThat(this.limiter.clients()).isEqualTo(3);
		assertThat(this.limiter.tryAcquire("b", 1)).as("b is still remembered, its bucket empty").isPositive();
		assertThat(this.limiter.tryAcquire("a", 100)).as("a was forgotten: a full bucket").isZero();
		// Past the idle time every client is forgotten.
		advance(Duration.ofSeconds(11));
		this.limiter.tryAcquire("e", 1);
		assertThat(this.limiter.clients()).isEqualTo(1);
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
