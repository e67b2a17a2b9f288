package dev.tango.api.serving;

import java.time.Instant;

/**
 * A cascade version that failed to load.
 *
 * @param version the version number
 * @param message why, naming the tier where the loader says so
 * @param at when
 */
public record LoadFailure(int version, String message, Instant at) {

}
