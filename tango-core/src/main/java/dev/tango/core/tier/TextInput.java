package dev.tango.core.tier;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * One input to classify: a single text, or a pair of texts for tasks such as entailment
 * or paraphrase detection.
 *
 * <p>
 * An input made by {@link #keepingEncodings()} also keeps the token encodings made of it
 * ({@link #encoding(TokenEncoder)}), so that grouping by length, the tier's run and later
 * tiers with the same tokenizer share one tokenisation. The cascade engines classify such
 * copies of the caller's inputs, so encodings live as long as one call. An input made by
 * the constructor, {@link #of} or {@link #pair} keeps none: a tier encodes it each time,
 * as cost measurements that run a tier again and again on the same inputs expect. Two
 * inputs are equal when their texts are; encodings play no part. Thread-safe.
 */
public final class TextInput {

	private final String text;

	private final @Nullable String pair;

	/**
	 * The encodings made so far, newest first; {@code null} for an input that keeps none.
	 */
	private final @Nullable AtomicReference<@Nullable Encoded> encodings;

	/**
	 * Creates an input that keeps no encodings.
	 * @param text the text, never {@code null} (it may be empty; tiers define the result)
	 * @param pair the second text of a pair, or {@code null} for a single text
	 */
	public TextInput(String text, @Nullable String pair) {
		this(text, pair, false);
	}

	private TextInput(String text, @Nullable String pair, boolean keepsEncodings) {
		this.text = Objects.requireNonNull(text, "text");
		this.pair = pair;
		this.encodings = keepsEncodings ? new AtomicReference<>() : null;
	}

	/**
	 * Returns a single-text input.
	 * @param text the text
	 * @return the input
	 */
	public static TextInput of(String text) {
		return new TextInput(text, null);
	}

	/**
	 * Returns a text-pair input.
	 * @param text the first text
	 * @param pair the second text
	 * @return the input
	 */
	public static TextInput pair(String text, String pair) {
		return new TextInput(text, Objects.requireNonNull(pair, "pair"));
	}

	/**
	 * Returns the text.
	 * @return the text, never {@code null}
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Returns the second text of a pair.
	 * @return the second text, or {@code null} for a single text
	 */
	public @Nullable String pair() {
		return this.pair;
	}

	/**
	 * Returns whether this input is a pair of texts.
	 * @return {@code true} for a pair
	 */
	public boolean isPair() {
		return this.pair != null;
	}

	/**
	 * Returns the number of characters of both texts, a cheap proxy for the token length.
	 * @return the length in UTF-16 chars
	 */
	public int charLength() {
		return this.text.length() + ((this.pair != null) ? this.pair.length() : 0);
	}

	/**
	 * Returns an input with the same texts that keeps the encodings made of it, none yet.
	 * @return the new input
	 */
	public TextInput keepingEncodings() {
		return new TextInput(this.text, this.pair, true);
	}

	/**
	 * Returns this input's encoding under an encoder. An input that keeps encodings
	 * returns one it holds from an encoder with the same {@link TokenEncoder#key() key}
	 * that the encoder {@link TokenEncoder#accepts accepts}, else a new one, which it
	 * then keeps; two threads asking at once may both encode, and both get an acceptable
	 * encoding. Any other input is encoded anew.
	 * @param <E> the encoding
	 * @param encoder the encoder
	 * @return the encoding
	 * @throws RuntimeException what {@link TokenEncoder#encode} throws
	 */
	@SuppressWarnings("unchecked")
	public <E> E encoding(TokenEncoder<E> encoder) {
		AtomicReference<@Nullable Encoded> kept = this.encodings;
		if (kept == null) {
			return Objects.requireNonNull(encoder.encode(this), "encoding");
		}
		String key = encoder.key();
		Encoded head = kept.get();
		for (Encoded node = head; node != null; node = node.next) {
			if (node.key.equals(key) && encoder.accepts((E) node.value)) {
				return (E) node.value;
			}
		}
		E value = Objects.requireNonNull(encoder.encode(this), "encoding");
		Encoded added;
		do {
			head = kept.get();
			added = new Encoded(key, value, head);
		}
		while (!kept.compareAndSet(head, added));
		return value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TextInput input && this.text.equals(input.text)
				&& Objects.equals(this.pair, input.pair);
	}

	@Override
	public int hashCode() {
		return 31 * this.text.hashCode() + Objects.hashCode(this.pair);
	}

	@Override
	public String toString() {
		return "TextInput[text=" + this.text + ", pair=" + this.pair + "]";
	}

	/** One kept encoding, linked to the older ones. */
	private record Encoded(String key, Object value, @Nullable Encoded next) {

	}

}
