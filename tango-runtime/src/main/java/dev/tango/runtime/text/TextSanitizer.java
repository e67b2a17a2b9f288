package dev.tango.runtime.text;

/**
 * Makes any Java string safe to hand to native code that expects well-formed Unicode.
 */
public final class TextSanitizer {

	/** The character that replaces what cannot be encoded. */
	public static final char REPLACEMENT = '\uFFFD';

	private TextSanitizer() {
	}

	/**
	 * Returns the text with every lone (unpaired) surrogate replaced by U+FFFD, so that
	 * it has a well-formed UTF-8 encoding. Well-formed text, including supplementary
	 * characters such as emoji, is returned as it is (the same instance).
	 * @param text the text
	 * @return the sanitised text
	 */
	public static String wellFormed(String text) {
		int length = text.length();
		int i = 0;
		while (i < length && !isLoneSurrogateAt(text, i)) {
			i += (Character.isHighSurrogate(text.charAt(i)) ? 2 : 1);
		}
		if (i >= length) {
			return text;
		}
		StringBuilder out = new StringBuilder(length);
		out.append(text, 0, i);
		while (i < length) {
			char c = text.charAt(i);
			if (isLoneSurrogateAt(text, i)) {
				out.append(REPLACEMENT);
				i++;
			}
			else if (Character.isHighSurrogate(c)) {
				out.append(c).append(text.charAt(i + 1));
				i += 2;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	private static boolean isLoneSurrogateAt(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		return Character.isLowSurrogate(c);
	}

}
