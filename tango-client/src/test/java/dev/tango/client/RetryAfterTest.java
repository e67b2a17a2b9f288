package dev.tango.client;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both forms of {@code Retry-After}, seconds and an HTTP date (in the preferred and both
 * obsolete forms), and what is not one.
 */
class RetryAfterTest {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@Test
	void readsSeconds() {
		assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
		assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(Duration.ofSeconds(Long.MAX_VALUE));
	}

	@Test
	void readsAnHttpDateAgainstNow() {
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:42 GMT", NOW)).contains(Duration.ofSeconds(42));
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:59:00 GMT", NOW)).contains(Duration.ZERO);
	}

	@Test
	void readsTheObsoleteDateForms() {
		assertThat(RetryAfter.parse("Sunday, 01-Mar-26 12:00:42 GMT", NOW)).contains(Duration.ofSeconds(42));
		assertThat(RetryAfter.parse("Sun Mar  1 12:00:42 2026", NOW)).contains(Duration.ofSeconds(42));
		assertThat(RetryAfter.parse("Sun Mar 22 12:00:00 2026", NOW)).contains(Duration.ofDays(21));
		// a two-digit year more than 50 years ahead is the century before's
		assertThat(RetryAfter.parse("Tuesday, 01-Mar-94 12:00:00 GMT", NOW)).contains(Duration.ZERO);
	}

	@Test
	void ignoresWhatIsNeither() {
		assertThat(RetryAfter.parse(null, NOW)).isEmpty();
		assertThat(RetryAfter.parse("", NOW)).isEmpty();
		assertThat(RetryAfter.parse("-3", NOW)).isEmpty();
		assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
		assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
		assertThat(RetryAfter.parse("Monday, 01-Mar-26 12:00:42 GMT", NOW)).isEmpty();
	}

}
