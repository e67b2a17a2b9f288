package dev.tango.api.classify;

import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;

/**
 * Refuses texts that are not Unicode: a JSON string may escape a lone surrogate
 * ({@code "\ud800"}), which no encoding of Unicode can carry. Tokenizers would read it as
 * a replacement character, so that two different texts got the same answer and the same
 * answer id.
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
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidInputException(
						name + " holds a lone surrogate, \\u" + HexFormat.of().withUpperCase().toHexDigits(c)
								+ ", at character " + i + ": texts must be Unicode, with surrogates only in pairs");
			}
		}
	}

}
