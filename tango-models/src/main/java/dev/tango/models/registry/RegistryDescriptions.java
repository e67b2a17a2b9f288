package dev.tango.models.registry;

import org.jspecify.annotations.Nullable;

/**
 * The rule for the free-text description of a model or cascade version: at most
 * {@value #MAX_LENGTH} characters, none of them NUL or a lone surrogate
 * ({@link StorableText}). The registry applies it when it stores a version; callers that
 * will register one later (a queued job) apply it up front, so that hours of work do not
 * end in a refusal.
 */
public final class RegistryDescriptions {

	/** The longest description, in characters. */
	public static final int MAX_LENGTH = 2000;

	private RegistryDescriptions() {
	}

	/**
	 * Checks a description.
	 * @param description the description, or {@code null} for none
	 * @throws InvalidRegistryRequestException if it breaks the rule
	 */
	public static void check(@Nullable String description) {
		RegistryRequests.checkText("description", description, MAX_LENGTH, true);
	}

}
