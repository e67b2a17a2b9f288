package dev.tango.core.tier;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One input to classify: a single text, or a pair of texts for tasks such as entailment
 * or paraphrase detection.
 *
 * @param text the text, never {@code null} (it may be empty; tiers define the result)
 * @param pair the second text of a pair, or {@code null} for a single text
 */
public record TextInput(String text, @Nullable String pair) {

	public TextInput {
		Objects.requireNonNull(text, "text");
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

}
