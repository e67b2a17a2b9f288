package dev.tango.client;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds, or
 * an HTTP date in any of the three forms recipients must accept (section 5.6.7): the
 * preferred IMF-fixdate, and the obsolete RFC 850 and asctime forms.
 */
final class RetryAfter {

	/** The obsolete asctime form, such as {@code Sun Nov  6 08:49:37 1994}. */
	private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
			Locale.US);

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
		Instant at = date(trimmed, now);
		if (at == null) {
			return Optional.empty();
		}
		Duration delay = Duration.between(now, at);
		return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
	}

	private static @Nullable Instant date(String value, Instant now) {
		try {
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not the preferred form: one of the obsolete ones?
		}
		for (DateTimeFormatter obsolete : new DateTimeFormatter[] { rfc850(now), ASCTIME }) {
			try {
				return LocalDateTime.parse(value, obsolete).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				// try the next form
			}
		}
		return null;
	}

	/**
	 * The obsolete RFC 850 form, such as {@code Sunday, 06-Nov-94 08:49:37 GMT}, whose
	 * two-digit year is the one of the century that ends at most 50 years after now.
	 */
	private static DateTimeFormatter rfc850(Instant now) {
		int earliestYear = now.atOffset(ZoneOffset.UTC).getYear() - 49;
		return new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
			.appendValueReduced(ChronoField.YEAR, 2, 2, earliestYear)
			.appendPattern(" HH:mm:ss 'GMT'")
			.toFormatter(Locale.US);
	}

}
