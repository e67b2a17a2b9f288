package dev.tango.core.tier;

import java.util.Locale;

/**
 * Finds what keeps a Java string from being Unicode text: a surrogate that is not part of
 * a pair, which a JSON string may escape ({@code "\ud800"}) but no encoding of Unicode
 * can carry. Tokenizers and databases read it as a replacement character, so two
 * different texts would become one.
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

}
