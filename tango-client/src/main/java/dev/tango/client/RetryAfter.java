package dev.tango.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds, or
 * an HTTP date.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Reads the delay a {@code Retry-After} value asks for.
	 * @param value the header's value, or {@code null} when there is none
	 * @param now the current time, against which a date is measured
	 * @return the delay, zero for a date in the past; empty when the value is absent or
	 * neither form
	 */
	static Optional<Duration> parse(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
			}
			catch (NumberFormatException ex) {
				// more digits than a long holds: as good as never
				return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
			}
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(now, at);
			return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
