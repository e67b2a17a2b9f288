package dev.tango.client.classify;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One input to classify: a text, or a pair of texts for tasks such as entailment or
 * paraphrase detection. Sent as a JSON string, or as {@code {"text": …, "pair": …}}.
 *
 * @param text the text
 * @param pair the second text of a pair, or {@code null}
 */
public record TextInput(String text, @Nullable String pair) {

	/**
	 * Checks the text.
	 * @throws NullPointerException if the text is {@code null}
	 */
	public TextInput {
		Objects.requireNonNull(text, "text");
	}

	/**
	 * A single text.
	 * @param text the text
	 * @return the input
	 */
	public static TextInput of(String text) {
		return new TextInput(text, null);
	}

	/**
	 * A pair of texts.
	 * @param text the first text
	 * @param pair the second text
	 * @return the input
	 */
	public static TextInput pair(String text, String pair) {
		return new TextInput(text, Objects.requireNonNull(pair, "pair"));
	}

	@JsonValue
	Object json() {
		return (this.pair != null) ? Map.of("text", this.text, "pair", this.pair) : this.text;
	}

}
