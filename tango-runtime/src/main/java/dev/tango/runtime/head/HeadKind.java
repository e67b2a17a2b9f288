package dev.tango.runtime.head;

/**
 * What a head file's features are.
 */
public enum HeadKind {

	/** Embeddings of a frozen sentence encoder. */
	ENCODER_LINEAR("encoder-linear"),

	/** Hashed lexical features of the text. */
	LEXICAL_LINEAR("lexical-linear");

	private final String id;

	HeadKind(String id) {
		this.id = id;
	}

	/**
	 * Returns the name used in files.
	 * @return the name, such as {@code encoder-linear}
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
	public static HeadKind of(String id) {
		for (HeadKind kind : values()) {
			if (kind.id.equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown head kind '" + id + "': use encoder-linear or lexical-linear");
	}

}
