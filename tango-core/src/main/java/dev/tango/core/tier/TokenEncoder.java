package dev.tango.core.tier;

/**
 * How a tier turns an input into tokens, as far as the engine needs to know: the encoding
 * made once for an input (to group inputs by length, then to run the tier) is kept on the
 * {@link TextInput} and found again by every encoder that makes the same encodings, so
 * that an input is tokenised once per distinct tokenizer, not once per use and tier.
 *
 * <p>
 * Implementations are thread-safe and never return {@code null}.
 *
 * @param <E> the encoding; immutable once made, as other tiers may read it
 * @see TextInput#encoding(TokenEncoder)
 */
public interface TokenEncoder<E> {

	/**
	 * Returns what identifies the encodings this encoder makes: encoders with equal keys
	 * make encodings of the same type, and an encoding one of them made serves another
	 * whenever that other {@link #accepts accepts} it. The key of a tokenizer read from a
	 * file includes the file's digest and every setting that changes its output.
	 * @return the key, not blank
	 */
	String key();

	/**
	 * Encodes an input. Called by {@link TextInput#encoding(TokenEncoder)} when the input
	 * holds no encoding this encoder accepts; call that method rather than this one.
	 * @param input the input
	 * @return the encoding
	 * @throws RuntimeException if the input cannot be encoded
	 */
	E encode(TextInput input);

	/**
	 * Returns whether an encoding made by an encoder with the same {@link #key() key} is
	 * exactly what this encoder would make of the same input; for a tokenizer that
	 * truncates, one made under another length limit may not be.
	 * @param encoding the encoding
	 * @return {@code true} if this encoder can use it as is
	 */
	default boolean accepts(E encoding) {
		return true;
	}

}
