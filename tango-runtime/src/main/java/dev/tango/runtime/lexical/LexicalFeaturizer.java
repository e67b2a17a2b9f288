package dev.tango.runtime.lexical;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.text.TextSanitizer;

/**
 * Turns text into hashed, L2-normalised word n-gram features, exactly as follows.
 *
 * <ol>
 * <li>Lone surrogates become U+FFFD; the text is lower-cased with
 * {@link Locale#ROOT}.</li>
 * <li>Tokens: a maximal run of letters, digits and combining marks is one token; every
 * other code point that is not whitespace or a control character (punctuation, symbols,
 * emoji) is a token of its own; whitespace and control characters separate tokens.</li>
 * <li>Features: each token (unigram) and, when {@code maxNgram} is 2, each pair of
 * adjacent tokens joined by one space (bigram). For the second text of a pair, each
 * feature is prefixed with {@code "2:"}. No feature of one kind can equal one of
 * another.</li>
 * <li>Bucket: {@code murmur3_x86_32(utf8(feature), seed) & (2^k - 1)}.</li>
 * <li>Value: the bucket's count {@code c} ({@code tf}) or {@code 1 + ln c}
 * ({@code log-tf}); then the vector is scaled to unit L2 norm. A text without tokens
 * gives the zero vector.</li>
 * </ol>
 * Thread-safe and immutable.
 */
public final class LexicalFeaturizer {

	private final LexicalSpec spec;

	private final int mask;

	/**
	 * Creates a featurizer.
	 * @param spec the settings
	 */
	public LexicalFeaturizer(LexicalSpec spec) {
		this.spec = Objects.requireNonNull(spec, "spec");
		this.mask = spec.buckets() - 1;
	}

	/**
	 * Returns the settings.
	 * @return the settings
	 */
	public LexicalSpec spec() {
		return this.spec;
	}

	/**
	 * Returns the tokens of a text, as defined in the class description.
	 * @param text the text
	 * @return the tokens
	 */
	public static List<String> tokens(String text) {
		String lower = TextSanitizer.wellFormed(text).toLowerCase(Locale.ROOT);
		List<String> tokens = new ArrayList<>();
		int length = lower.length();
		int start = -1;
		int i = 0;
		while (i < length) {
			int cp = lower.codePointAt(i);
			int next = i + Character.charCount(cp);
			if (isWordPart(cp)) {
				if (start < 0) {
					start = i;
				}
			}
			else {
				if (start >= 0) {
					tokens.add(lower.substring(start, i));
					start = -1;
				}
				if (!Character.isWhitespace(cp) && !Character.isISOControl(cp) && !Character.isSpaceChar(cp)) {
					tokens.add(lower.substring(i, next));
				}
			}
			i = next;
		}
		if (start >= 0) {
			tokens.add(lower.substring(start));
		}
		return tokens;
	}

	private static boolean isWordPart(int cp) {
		if (Character.isLetterOrDigit(cp)) {
			return true;
		}
		int type = Character.getType(cp);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
				|| type == Character.ENCLOSING_MARK;
	}

	/**
	 * Returns the features of an input.
	 * @param input the input
	 * @return the L2-normalised sparse vector, indices in {@code [0, 2^k)}
	 */
	public SparseVector features(TextInput input) {
		Buckets buckets = new Buckets();
		addFeatures(tokens(input.text()), "", buckets);
		String pair = input.pair();
		if (pair != null) {
			addFeatures(tokens(pair), "2:", buckets);
		}
		return toVector(buckets.toArray());
	}

	private void addFeatures(List<String> tokens, String prefix, Buckets buckets) {
		for (int t = 0; t < tokens.size(); t++) {
			buckets.add(bucket(prefix + tokens.get(t)));
			if (this.spec.maxNgram() >= 2 && t + 1 < tokens.size()) {
				buckets.add(bucket(prefix + tokens.get(t) + " " + tokens.get(t + 1)));
			}
		}
	}

	/**
	 * Returns the bucket of one feature string.
	 * @param feature the feature
	 * @return the bucket in {@code [0, 2^k)}
	 */
	public int bucket(String feature) {
		return Murmur3.hash32(feature.getBytes(StandardCharsets.UTF_8), this.spec.seed()) & this.mask;
	}

	private SparseVector toVector(int[] buckets) {
		if (buckets.length == 0) {
			return new SparseVector(new int[0], new float[0]);
		}
		Arrays.sort(buckets);
		int distinct = 1;
		for (int i = 1; i < buckets.length; i++) {
			if (buckets[i] != buckets[i - 1]) {
				distinct++;
			}
		}
		int[] indices = new int[distinct];
		float[] values = new float[distinct];
		int j = -1;
		for (int i = 0; i < buckets.length; i++) {
			if (i == 0 || buckets[i] != buckets[i - 1]) {
				indices[++j] = buckets[i];
			}
			values[j]++;
		}
		double norm = 0;
		for (int i = 0; i < distinct; i++) {
			if (this.spec.weighting() == LexicalSpec.Weighting.LOG_TF) {
				values[i] = (float) (1 + Math.log(values[i]));
			}
			norm += (double) values[i] * values[i];
		}
		float scale = (float) (1 / Math.sqrt(norm));
		for (int i = 0; i < distinct; i++) {
			values[i] *= scale;
		}
		return new SparseVector(indices, values);
	}

	private static final class Buckets {

		private int[] values = new int[32];

		private int size;

		void add(int bucket) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = bucket;
		}

		int[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
