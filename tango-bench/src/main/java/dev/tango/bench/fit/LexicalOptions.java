package dev.tango.bench.fit;

import dev.tango.bench.Setting;
import dev.tango.runtime.head.LexicalSpec;
import picocli.CommandLine.Option;

/**
 * The options that shape a lexical head's features, shared by {@code fit-lexical} and
 * {@code distil --student lexical}: the hashed buckets and the longest word n-gram. Their
 * defaults, and the other choices, are those of {@link LexicalSpec#defaults()}.
 */
public final class LexicalOptions {

	private static final LexicalSpec DEFAULTS = LexicalSpec.defaults();

	@Setting("bucketBits")
	@Option(names = "--bucket-bits",
			description = "features hashed into 2^k buckets (default ${DEFAULT-VALUE}); the file holds labels x 2^k weights")
	int bucketBits = DEFAULTS.bucketBits();

	@Setting("maxNgram")
	@Option(names = "--max-ngram", description = "1: unigrams, 2: unigrams and bigrams (default ${DEFAULT-VALUE})")
	int maxNgram = DEFAULTS.maxNgram();

	/**
	 * Returns the lexical features of these options.
	 * @return the default spec with {@code --bucket-bits} and {@code --max-ngram}
	 */
	public LexicalSpec spec() {
		return new LexicalSpec(this.bucketBits, this.maxNgram, DEFAULTS.weighting(), DEFAULTS.hash(), DEFAULTS.seed());
	}

}
