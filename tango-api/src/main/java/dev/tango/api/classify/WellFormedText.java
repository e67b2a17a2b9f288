package dev.tango.api.classify;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.UnicodeText;

/**
 * Refuses inputs whose texts are not Unicode ({@link UnicodeText}): tokenizers would read
 * a lone surrogate as a replacement character, so that two different texts got the same
 * answer and the same answer id.
 */
public final class WellFormedText {

	private WellFormedText() {
	}

	/**
	 * Checks both texts of an input.
	 * @param input the input
	 * @param name how the refusal names it, such as {@code "Input 3"}
	 * @throws InvalidInputException where a text holds a surrogate that is not part of a
	 * pair
	 */
	public static void require(TextInput input, String name) {
		require(input.text(), name);
		require(input.pair(), name + "'s pair");
	}

	private static void require(@Nullable String text, String name) {
		if (text == null) {
			return;
		}
		int at = UnicodeText.loneSurrogateAt(text);
		if (at >= 0) {
			throw new InvalidInputException(name + " " + UnicodeText.loneSurrogateRefusal(text, at));
		}
	}

}
