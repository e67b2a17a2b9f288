package dev.tango.models.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * The part an artifact plays in a model version: the artifact roles of
 * {@link dev.tango.runtime.cascade.TierKind tier kinds} that the registry stores.
 */
public enum ArtifactRole {

	/**
	 * The network: an ONNX file, or for a model served elsewhere its endpoint (see
	 * {@link dev.tango.runtime.cascade.TierKind#checksummed}).
	 */
	MODEL,

	/** The tokenizer ({@code tokenizer.json}). */
	TOKENIZER,

	/** A classification head on top of an encoder, or a lexical model's weights. */
	HEAD,

	/**
	 * An initializer delta on the model: an encoder shipped as the changes a training run
	 * made to a bundled encoder, the {@link #MODEL} being that base (see
	 * {@link dev.tango.runtime.head.EncoderDelta}).
	 */
	DELTA;

	/**
	 * Returns the role's name as tier kinds and tier specs write it.
	 * @return the lower-case name, such as {@code model}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the stored role a tier kind's artifact role names.
	 * @param id the role's name, such as {@code model}
	 * @return the role, or empty if the registry stores no artifact in that role
	 */
	public static Optional<ArtifactRole> of(String id) {
		for (ArtifactRole role : values()) {
			if (role.id().equals(id)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
