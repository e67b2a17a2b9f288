package dev.tango.models.registry;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An artifact of a model version: its URI and the sha256 of its content.
 *
 * @param uri a {@code classpath:}, {@code file:} or {@code https:} URI
 * @param sha256 64 lower-case hexadecimal digits; {@code null} only for a remote endpoint
 */
public record ArtifactRef(String uri, @Nullable String sha256) {

	public ArtifactRef {
		Objects.requireNonNull(uri, "uri");
	}

}
