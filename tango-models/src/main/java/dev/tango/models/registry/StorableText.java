package dev.tango.models.registry;

import dev.tango.core.tier.UnicodeText;

/**
 * Refuses a text the registry's database would not store as it is: a NUL character, which
 * PostgreSQL's text cannot hold (it failed the statement, and was answered as a
 * conflict), or a lone surrogate, which it would store as {@code ?}.
 */
public final class StorableText {

	private StorableText() {
	}

	/**
	 * Checks a text of a request.
	 * @param what how the refusal names the text, such as {@code reason}
	 * @param text the text
	 * @throws InvalidRegistryRequestException if it holds a NUL character or a lone
	 * surrogate
	 */
	public static void require(String what, String text) {
		if (text.indexOf('\0') >= 0) {
			throw new InvalidRegistryRequestException(
					what + " holds a NUL character (U+0000), which the database cannot store");
		}
		int surrogate = UnicodeText.loneSurrogateAt(text);
		if (surrogate >= 0) {
			throw new InvalidRegistryRequestException(what + " " + UnicodeText.loneSurrogateRefusal(text, surrogate));
		}
	}

}
