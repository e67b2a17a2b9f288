package dev.tango.client;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits a policy draws: the backoff in its upper half, added to {@code Retry-After}
 * so that refused clients spread out and a zero delay still waits; no overflow however
 * long.
 */
class RetryPolicyTest {

	private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(200),
			Duration.ofSeconds(5));

	@Test
	void drawsTheBackoffInItsUpperHalf() {
		for (int i = 0; i < 200; i++) {
			assertThat(POLICY.waitNanos(1, null)).isBetween(millis(100), millis(200));
			assertThat(POLICY.waitNanos(3, null)).isBetween(millis(400), millis(800));
			assertThat(POLICY.waitNanos(10, null)).isBetween(millis(2500), millis(5000));
		}
	}

	@Test
	void addsTheBackoffToRetryAfterSoThatWaitsSpreadOut() {
		Set<Long> waits = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			long wait = POLICY.waitNanos(1, Duration.ofSeconds(1));
			assertThat(wait).isBetween(millis(1100), millis(1200));
			waits.add(wait);
		}
		assertThat(waits).hasSizeGreaterThan(100);
	}

	@Test
	void waitsAtLeastHalfTheInitialBackoffWhenAskedForNoWait() {
		for (int i = 0; i < 200; i++) {
			assertThat(POLICY.waitNanos(1, Duration.ZERO)).isBetween(millis(100), millis(200));
		}
	}

	@Test
	void saturatesWaitsTooLongForNanoseconds() {
		Duration ages = Duration.ofSeconds(Long.MAX_VALUE);
		RetryPolicy patient = new RetryPolicy(3, Duration.ofSeconds(10), ages.dividedBy(4), ages);

		assertThat(patient.waitNanos(1, null)).isGreaterThanOrEqualTo(Long.MAX_VALUE / 2);
		assertThat(patient.waitNanos(60, null)).isGreaterThanOrEqualTo(Long.MAX_VALUE / 2);
		assertThat(POLICY.waitNanos(1, ages)).isEqualTo(Long.MAX_VALUE);
	}

	private static long millis(long millis) {
		return Duration.ofMillis(millis).toNanos();
	}

}
