package dev.tango.runtime.cascade;

/**
 * The kinds of tier a cascade descriptor can name.
 */
public enum TierKind {

	/** A bundled or given sentence encoder with a linear head file. */
	ENCODER_LINEAR("encoder-linear"),

	/** A lexical model in a head file. */
	LEXICAL_LINEAR("lexical-linear"),

	/** A HuggingFace sequence classifier exported to ONNX. */
	ONNX_CLASSIFIER("onnx-classifier");

	private final String id;

	TierKind(String id) {
		this.id = id;
	}

	/**
	 * Returns the name used in descriptors.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the kind with the given name.
	 * @param id the name
	 * @return the kind
	 * @throws IllegalArgumentException if none has that name
	 */
	public static TierKind of(String id) {
		for (TierKind kind : values()) {
			if (kind.id.equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException(
				"Unknown tier kind '" + id + "': use encoder-linear, lexical-linear or onnx-classifier");
	}

}
