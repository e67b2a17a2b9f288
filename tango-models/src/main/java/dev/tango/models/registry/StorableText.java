package dev.tango.models.registry;

import dev.tango.core.tier.UnicodeText;

/**
 * Refuses a text the registry's database would not store as it is: a NUL character, which
 * PostgreSQL's text cannot hold (it failed the statement, and was answered as a
 * conflict), a lone surrogate, which it would store as {@code ?}, or more characters than
 * its column holds. Characters are counted as Java and the embedded H2 count them, in
 * UTF-16 units, so that an emoji counts as two; PostgreSQL counts code points, never
 * more, so a text within the limit fits either database.
 */
public final class StorableText {

	private StorableText() {
	}

	/**
	 * Checks a text of a request.
	 * @param what how the refusal names the text, such as {@code reason}
	 * @param text the text
	 * @param maxCharacters the most characters (UTF-16 units) it may hold
	 * @throws InvalidRegistryRequestException if it is too long, or holds a NUL character
	 * or a lone surrogate
	 */
	public static void require(String what, String text, int maxCharacters) {
		if (text.length() > maxCharacters) {
			String pairs = (text.codePointCount(0, text.length()) < text.length())
					? " (an emoji, or any character outside the Basic Multilingual Plane, counts as two)" : "";
			throw new InvalidRegistryRequestException(
					what + " has " + text.length() + " characters; at most " + maxCharacters + " are kept" + pairs);
		}
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
