package dev.tango.models.serving;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.UnicodeText;
import dev.tango.models.registry.StorableText;

/**
 * How one API instance serves one cascade, as it last reported.
 *
 * @param instance the instance's identity, unique per running process
 * @param cascade the cascade's name
 * @param activeVersion the version the registry has active, as the instance knows it
 * @param servedVersion the version that answers its requests, or {@code null} if none
 * does
 * @param state where its serving stands: one of the API's cascade states
 * ({@code SERVING}, {@code FALLBACK}, {@code FAILED}…), at most 16 characters
 * @param message why it does not serve the active version, fit to show to anyone (no file
 * path), or {@code null}; a longer one than {@value #MESSAGE_LIMIT} characters (UTF-16
 * units, as {@link StorableText} counts them) is cut to that
 * ({@link UnicodeText#abbreviate})
 * @param updatedAt when the instance last reported it
 */
public record ServingReport(String instance, String cascade, int activeVersion, @Nullable Integer servedVersion,
		String state, @Nullable String message, Instant updatedAt) {

	/** The most characters (UTF-16 units) of a message that are kept. */
	public static final int MESSAGE_LIMIT = 1000;

	public ServingReport {
		Objects.requireNonNull(instance, "instance");
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if (message != null) {
			message = UnicodeText.abbreviate(message, MESSAGE_LIMIT);
		}
	}

	/**
	 * Returns whether the instance has not reported for longer than
	 * {@link ServingReports#STALE_AFTER}: it may have stopped or lost its database.
	 * @param now the present time
	 * @return {@code true} if stale
	 */
	public boolean staleAt(Instant now) {
		return ServingReports.stale(this.updatedAt, now);
	}

	/**
	 * Returns whether the instance serves the active version.
	 * @return {@code true} if the served version is the active one
	 */
	public boolean servesActive() {
		return this.servedVersion != null && this.servedVersion == this.activeVersion;
	}

	/**
	 * Returns the same report with its timestamp moved.
	 * @param at the new time
	 * @return the report
	 */
	public ServingReport at(Instant at) {
		return new ServingReport(this.instance, this.cascade, this.activeVersion, this.servedVersion, this.state,
				this.message, at);
	}

}
