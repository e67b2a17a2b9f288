package dev.tango.models.drift;

import java.time.Instant;
import java.util.Objects;

import dev.tango.core.drift.DriftStatus;

/**
 * Where one watched stream of a cascade version stood on one API instance, as it last
 * reported.
 *
 * @param instance the API instance
 * @param cascade the cascade's name
 * @param version the cascade version watched
 * @param status the stream's status
 * @param updatedAt when it was written
 */
public record DriftReport(String instance, String cascade, int version, DriftStatus status, Instant updatedAt) {

	public DriftReport {
		Objects.requireNonNull(instance, "instance");
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(updatedAt, "updatedAt");
	}

}
