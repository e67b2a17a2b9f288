package dev.tango.runtime.head;

import java.util.Locale;
import java.util.Objects;

import dev.tango.core.settings.InvalidSettingException;

/**
 * The settings of lexical features: which word n-grams, hashed how into how many buckets,
 * weighted how. See {@code dev.tango.runtime.lexical.LexicalFeaturizer} for the exact
 * definition.
 *
 * @param bucketBits {@code k}: features are hashed into {@code 2^k} buckets, 4 to 24
 * @param maxNgram the longest word n-gram: 1 for unigrams, 2 for unigrams and bigrams
 * @param weighting how counts become feature values before L2 normalisation
 * @param hash the hash function's id; only {@link #MURMUR3_32} is defined
 * @param seed the hash seed
 */
public record LexicalSpec(int bucketBits, int maxNgram, Weighting weighting, String hash, int seed) {

	/** MurmurHash3 x86 32-bit of the feature's UTF-8 bytes. */
	public static final String MURMUR3_32 = "murmur3_x86_32";

	public LexicalSpec {
		Objects.requireNonNull(weighting, "weighting");
		Objects.requireNonNull(hash, "hash");
		InvalidSettingException.require(bucketBits >= 4 && bucketBits <= 24, "bucketBits", "must lie in [4, 24]",
				bucketBits);
		InvalidSettingException.require(maxNgram == 1 || maxNgram == 2, "maxNgram", "must be 1 or 2", maxNgram);
		if (!MURMUR3_32.equals(hash)) {
			throw new IllegalArgumentException("Unknown hash '" + hash + "': only " + MURMUR3_32 + " is defined");
		}
	}

	/**
	 * Returns the defaults: {@code 2^18} buckets, unigrams and bigrams, log term
	 * frequency, murmur3 with seed 0.
	 * @return the defaults
	 */
	public static LexicalSpec defaults() {
		return new LexicalSpec(18, 2, Weighting.LOG_TF, MURMUR3_32, 0);
	}

	/**
	 * Returns a copy with another number of bucket bits.
	 * @param bits {@code k} for {@code 2^k} buckets
	 * @return the copy
	 */
	public LexicalSpec withBucketBits(int bits) {
		return new LexicalSpec(bits, this.maxNgram, this.weighting, this.hash, this.seed);
	}

	/**
	 * Returns the number of buckets, the feature dimension.
	 * @return {@code 2^bucketBits}
	 */
	public int buckets() {
		return 1 << this.bucketBits;
	}

	/**
	 * How a feature's count in one input becomes its value.
	 */
	public enum Weighting {

		/** The raw count {@code c}. */
		TF,

		/** {@code 1 + ln(c)} for {@code c > 0}. */
		LOG_TF;

		/**
		 * Returns the lower-case name used in files, such as {@code log-tf}.
		 * @return the name
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/**
		 * Returns the weighting with the given name.
		 * @param id the name, such as {@code tf} or {@code log-tf}
		 * @return the weighting
		 * @throws IllegalArgumentException if none has that name
		 */
		public static Weighting of(String id) {
			for (Weighting weighting : values()) {
				if (weighting.id().equalsIgnoreCase(id)) {
					return weighting;
				}
			}
			throw new IllegalArgumentException("Unknown weighting '" + id + "': use tf or log-tf");
		}

	}

}
