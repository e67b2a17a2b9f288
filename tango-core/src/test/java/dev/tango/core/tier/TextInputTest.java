package dev.tango.core.tier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link TextInput}: its texts and the encodings it keeps.
 */
class TextInputTest {

	@Test
	void anInputIsEncodedOncePerKey() {
		WordEncoder first = new WordEncoder("words", 100);
		WordEncoder second = new WordEncoder("words", 100);
		TextInput input = TextInput.of("one two three").keepingEncodings();

		Words a = input.encoding(first);
		Words b = input.encoding(first);
		Words c = input.encoding(second);

		assertThat(a.words()).containsExactly("one", "two", "three");
		assertThat(b).isSameAs(a);
		assertThat(c).isSameAs(a);
		assertThat(first.calls.get() + second.calls.get()).isEqualTo(1);
	}

	/**
	 * Two encoders take turns on a two-word input, each twice: the first encodes it once,
	 * the second again only if it cannot use the first's encoding.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "encoders with other keys encode again, words, 100, other-vocabulary, 100, 1",
			"a short input serves every limit that holds it, words, 2, words, 100, 0" })
	void anEncoderUsesAKeptEncodingWhenItCan(String what, String firstKey, int firstLimit, String secondKey,
			int secondLimit, int secondCalls) {
		WordEncoder first = new WordEncoder(firstKey, firstLimit);
		WordEncoder second = new WordEncoder(secondKey, secondLimit);
		TextInput input = TextInput.of("one two").keepingEncodings();

		input.encoding(first);
		input.encoding(second);
		input.encoding(first);
		input.encoding(second);

		assertThat(first.calls).hasValue(1);
		assertThat(second.calls).hasValue(secondCalls);
	}

	@Test
	void anEncodingTheEncoderDoesNotAcceptIsMadeAgainAndKeptBesideTheOther() {
		WordEncoder wide = new WordEncoder("words", 100);
		WordEncoder narrow = new WordEncoder("words", 2);
		TextInput input = TextInput.of("one two three").keepingEncodings();

		assertThat(input.encoding(wide).words()).hasSize(3);
		assertThat(input.encoding(narrow).words()).containsExactly("one", "two");
		assertThat(input.encoding(narrow).words()).containsExactly("one", "two");
		assertThat(input.encoding(wide).words()).hasSize(3);

		assertThat(wide.calls).hasValue(1);
		assertThat(narrow.calls).hasValue(1);
	}

	@Test
	void aCopyKeepingEncodingsHasTheTextsButNoneOfTheOriginalsEncodings() {
		WordEncoder words = new WordEncoder("words", 100);
		TextInput input = TextInput.pair("a b", "c").keepingEncodings();
		input.encoding(words);

		TextInput copy = input.keepingEncodings();
		copy.encoding(words);
		copy.encoding(words);

		assertThat(copy).isEqualTo(input).hasSameHashCodeAs(input).isNotSameAs(input);
		assertThat(copy.text()).isEqualTo("a b");
		assertThat(copy.pair()).isEqualTo("c");
		assertThat(words.calls).hasValue(2);
	}

	@Test
	void aPlainInputIsEncodedEachTime() {
		WordEncoder words = new WordEncoder("words", 100);
		TextInput input = TextInput.of("one two");

		Words first = input.encoding(words);
		Words second = input.encoding(words);

		assertThat(second).isEqualTo(first).isNotSameAs(first);
		assertThat(words.calls).hasValue(2);
	}

	@Test
	void equalityIgnoresEncodings() {
		TextInput encoded = TextInput.of("x").keepingEncodings();
		encoded.encoding(new WordEncoder("words", 100));

		assertThat(encoded).isEqualTo(TextInput.of("x")).isNotEqualTo(TextInput.pair("x", ""));
		assertThat(TextInput.of("x")).isNotEqualTo(TextInput.of("y"));
		assertThat(encoded.toString()).isEqualTo("TextInput[text=x, pair=null]");
	}

	@Test
	void aFailedEncodingIsNotKept() {
		AtomicInteger calls = new AtomicInteger();
		TokenEncoder<String> failing = new TokenEncoder<>() {
			@Override
			public String key() {
				return "failing";
			}

			@Override
			public String encode(TextInput input) {
				if (calls.incrementAndGet() == 1) {
					throw new IllegalStateException("tokenizer closed");
				}
				return input.text();
			}
		};
		TextInput input = TextInput.of("x").keepingEncodings();

		assertThatIllegalStateException().isThrownBy(() -> input.encoding(failing)).withMessage("tokenizer closed");
		assertThat(input.encoding(failing)).isEqualTo("x");
		assertThat(calls).hasValue(2);
	}

	@Test
	void textIsRequired() {
		assertThatNullPointerException().isThrownBy(() -> new TextInput(null, "pair"));
		assertThatNullPointerException().isThrownBy(() -> TextInput.pair("text", null));
	}

	@Test
	void threadsSharingAnInputAllGetItsEncoding() throws InterruptedException {
		WordEncoder words = new WordEncoder("words", 100);
		TextInput input = TextInput.of("one two").keepingEncodings();
		List<Thread> threads = new ArrayList<>();
		List<Words> seen = Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < 8; i++) {
			threads.add(Thread.ofPlatform().start(() -> seen.add(input.encoding(words))));
		}
		for (Thread thread : threads) {
			thread.join();
		}

		assertThat(seen).hasSize(8)
			.allSatisfy((encoding) -> assertThat(encoding.words()).containsExactly("one", "two"));
		assertThat(words.calls.get()).isBetween(1, 8);
		int before = words.calls.get();
		input.encoding(words);
		assertThat(words.calls).hasValue(before);
	}

	/** Splits on spaces and keeps the first {@code limit} words, counting its calls. */
	private static final class WordEncoder implements TokenEncoder<Words> {

		private final String key;

		private final int limit;

		private final AtomicInteger calls = new AtomicInteger();

		WordEncoder(String key, int limit) {
			this.key = key;
			this.limit = limit;
		}

		@Override
		public String key() {
			return this.key;
		}

		@Override
		public Words encode(TextInput input) {
			this.calls.incrementAndGet();
			List<String> words = List.of(input.text().split(" "));
			int kept = Math.min(this.limit, words.size());
			return new Words(words.subList(0, kept), kept < words.size(), this.limit);
		}

		/**
		 * Accepts what was made under the same limit, or fits within it and was not cut.
		 */
		@Override
		public boolean accepts(Words encoding) {
			return encoding.limit() == this.limit || (!encoding.cut() && encoding.words().size() <= this.limit);
		}

	}

	/** An encoding: the words kept, whether some were cut, under which limit. */
	private record Words(List<String> words, boolean cut, int limit) {

	}

}
