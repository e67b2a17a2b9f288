package dev.tango.runtime.lexical;

import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LexicalSpec.Weighting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LexicalFeaturizerTest {

	private final LexicalFeaturizer featurizer = new LexicalFeaturizer(LexicalSpec.defaults());

	@Test
	void splitsWordsAndSingleSymbols() {
		assertThat(LexicalFeaturizer.tokens("It's GREAT!!  Café\u0301 n°5 😀\t\u0000x")).containsExactly("it", "'", "s",
				"great", "!", "!", "café\u0301", "n", "°", "5", "😀", "x");
		assertThat(LexicalFeaturizer.tokens("  \t\n")).isEmpty();
		assertThat(LexicalFeaturizer.tokens("lone \uD83D surrogate")).containsExactly("lone", "\uFFFD", "surrogate");
	}

	@Test
	void hashesUnigramsAndBigramsIntoBucketsAndNormalises() {
		SparseVector v = this.featurizer.features(TextInput.of("good movie"));
		int[] expected = { this.featurizer.bucket("good"), this.featurizer.bucket("movie"),
				this.featurizer.bucket("good movie") };
		assertThat(v.indices()).containsExactlyInAnyOrder(expected).isSorted();
		assertThat(norm(v)).isCloseTo(1.0, within(1e-6));
		assertThat(this.featurizer.bucket("good")).isBetween(0, (1 << 18) - 1)
			.isEqualTo(Murmur3.hash32("good".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0) & ((1 << 18) - 1));
	}

	@Test
	void weightsRepeatsByLogTermFrequency() {
		LexicalFeaturizer unigrams = new LexicalFeaturizer(
				new LexicalSpec(18, 1, Weighting.LOG_TF, LexicalSpec.MURMUR3_32, 0));
		SparseVector v = unigrams.features(TextInput.of("bad bad bad good"));
		int bad = index(v, unigrams.bucket("bad"));
		int good = index(v, unigrams.bucket("good"));
		assertThat(v.values()[bad] / v.values()[good]).isCloseTo((float) (1 + Math.log(3)), within(1e-5f));
		LexicalFeaturizer tf = new LexicalFeaturizer(new LexicalSpec(18, 1, Weighting.TF, LexicalSpec.MURMUR3_32, 0));
		SparseVector raw = tf.features(TextInput.of("bad bad bad good"));
		assertThat(raw.values()[index(raw, tf.bucket("bad"))] / raw.values()[index(raw, tf.bucket("good"))])
			.isCloseTo(3f, within(1e-5f));
	}

	@Test
	void marksTheSecondTextOfAPair() {
		SparseVector pair = this.featurizer.features(TextInput.pair("yes", "no"));
		assertThat(pair.indices()).containsExactlyInAnyOrder(this.featurizer.bucket("yes"),
				this.featurizer.bucket("2:no"));
	}

	@Test
	void givesTheZeroVectorForTextWithoutTokens() {
		assertThat(this.featurizer.features(TextInput.of("")).size()).isZero();
		assertThat(this.featurizer.features(TextInput.of(" \u0007 ")).size()).isZero();
	}

	@Test
	void dependsOnTheSeed() {
		LexicalFeaturizer other = new LexicalFeaturizer(
				new LexicalSpec(18, 2, Weighting.LOG_TF, LexicalSpec.MURMUR3_32, 1));
		List<String> words = List.of("good", "bad", "movie", "plot", "actor");
		assertThat(words.stream().map(other::bucket).toList())
			.isNotEqualTo(words.stream().map(this.featurizer::bucket).toList());
	}

	private static int index(SparseVector v, int bucket) {
		for (int k = 0; k < v.size(); k++) {
			if (v.indices()[k] == bucket) {
				return k;
			}
		}
		throw new AssertionError("bucket " + bucket + " absent");
	}

	private static double norm(SparseVector v) {
		double sum = 0;
		for (float value : v.values()) {
			sum += value * value;
		}
		return Math.sqrt(sum);
	}

}
