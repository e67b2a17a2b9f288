package dev.tango.core.tier;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds what keeps a Java string from being Unicode text: a surrogate that is not part of
 * a pair, which a JSON string may escape ({@code "\ud800"}) but no encoding of Unicode
 * can carry. Tokenizers and databases read it as a replacement character, so two
 * different texts would become one. And what keeps a text from being a name that people
 * read and tell apart ({@link #nameFault}).
 */
public final class UnicodeText {

	private UnicodeText() {
	}

	/**
	 * Returns where a text holds its first lone surrogate.
	 * @param text the text
	 * @return the index of the first surrogate that is not part of a high-low pair, or
	 * {@code -1} where there is none
	 */
	public static int loneSurrogateAt(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Says what is wrong with a text that holds a lone surrogate, for a refusal that
	 * names the text first.
	 * @param text the text
	 * @param at where {@link #loneSurrogateAt} found it
	 * @return {@code holds a lone surrogate, \uD800, at character 4: texts must be Unicode,
	 * with surrogates only in pairs}
	 */
	public static String loneSurrogateRefusal(CharSequence text, int at) {
		return "holds a lone surrogate, \\u" + Integer.toHexString(text.charAt(at)).toUpperCase(Locale.ROOT)
				+ ", at character " + at + ": texts must be Unicode, with surrogates only in pairs";
	}

	/**
	 * Shortens a text to a length limit, as a column or a message holds it, without
	 * cutting a character in two: a surrogate pair is kept or dropped whole, so that the
	 * result is still Unicode text.
	 * @param text the text
	 * @param max the most UTF-16 units kept, at least 2
	 * @return the text if it is no longer; else its start, cut where the limit allows,
	 * followed by {@code …}, at most {@code max} units in all
	 * @throws IllegalArgumentException if {@code max} is less than 2
	 */
	public static String abbreviate(String text, int max) {
		if (max < 2) {
			throw new IllegalArgumentException("max must be at least 2, was " + max);
		}
		if (text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	/**
	 * Finds what keeps a text from being a name that people read and tell apart: a
	 * control, formatting (such as a right-to-left override), surrogate or line or
	 * paragraph separator character, which garble a page or hide a difference, or a space
	 * of any kind at its start or end, which makes it look like another name.
	 * @param name the name, not empty
	 * @return what is wrong, to follow the name's description in a refusal (such as
	 * {@code holds U+202E at character 0: names take no control, ...}), or empty if
	 * nothing is
	 */
	public static Optional<String> nameFault(String name) {
		for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
			int type = Character.getType(name.codePointAt(i));
			if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
					|| type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
				return Optional.of(String.format(Locale.ROOT,
						"holds U+%04X at character %d: names take no control, formatting (such as right-to-left "
								+ "overrides) or surrogate characters",
						name.codePointAt(i), i));
			}
		}
		if (isSpace(name.codePointAt(0)) || isSpace(name.codePointBefore(name.length()))) {
			return Optional.of("may not start or end with a space of any kind (such as U+00A0, a no-break space), "
					+ "which would make it look like another name");
		}
		return Optional.empty();
	}

	private static boolean isSpace(int codePoint) {
		return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
	}

}
