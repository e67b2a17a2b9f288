package dev.tango.api.serving;

import java.time.Instant;

import dev.tango.models.loading.CascadeLoadException;

/**
 * A cascade version that failed to load.
 *
 * @param version the version number
 * @param message why, fit to show to anyone: it names the cascade, the version, the tier
 * where the loader says which one failed and the kind of error, never a file path or an
 * address (the service's log has the full message)
 * @param at when
 */
public record LoadFailure(int version, String message, Instant at) {

	/**
	 * Describes a failed load without the internals of its exception.
	 * @param cascade the cascade's name
	 * @param version the version number
	 * @param failure why it failed
	 * @param at when
	 * @return the failure
	 */
	static LoadFailure of(String cascade, int version, RuntimeException failure, Instant at) {
		StringBuilder message = new StringBuilder("Cascade ").append(cascade).append(" version ").append(version);
		if (failure instanceof CascadeLoadException load && load.tier().isPresent()) {
			message.append(", tier ").append(load.tier().getAsInt());
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		message.append(" failed to load (")
			.append(root.getClass().getSimpleName())
			.append("); the service's log has the details");
		return new LoadFailure(version, message.toString(), at);
	}

}
