package dev.tango.core.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LengthBatchingTest {

	/**
	 * A tier whose single logit is the input's length, so results show whose they are.
	 */
	private final FakeTier lengths = new FakeTier("lengths", List.of("only"), Activation.SOFTMAX,
			(input) -> new float[] { input.charLength() });

	@Test
	void batchesHoldAtMostTheBatchSize() {
		List<TextInput> inputs = IntStream.range(0, 10).mapToObj((i) -> text(5)).toList();

		LengthBatching.Result result = LengthBatching.classify(this.lengths, inputs, 4);

		assertThat(this.lengths.batches()).extracting(List::size).containsExactly(2, 4, 4);
		assertThat(result.batches()).isEqualTo(3);
		assertThat(result.nanos()).isPositive();
	}

	@Test
	void batchesGroupInputsOfSimilarLength() {
		List<TextInput> inputs = List.of(text(9), text(1), text(30), text(2), text(31), text(8), text(1), text(32));

		LengthBatching.classify(this.lengths, inputs, 3);

		// Batch 2 stops short of 30: padding 8 and 9 to 30 would cost more than a call.
		assertThat(this.lengths.batches()).containsExactly(List.of(text(1), text(1), text(2)),
				List.of(text(8), text(9)), List.of(text(30), text(31), text(32)));
	}

	@Test
	void aFewInputsOfVeryDifferentLengthsDoNotShareABatch() {
		List<TextInput> inputs = List.of(text(120), text(4), text(6), text(40));

		LengthBatching.Result result = LengthBatching.classify(this.lengths, inputs, 32);

		assertThat(this.lengths.batches()).containsExactly(List.of(text(4), text(6)), List.of(text(40)),
				List.of(text(120)));
		assertThat(result.batches()).isEqualTo(3);
		assertThat(result.scores()).extracting((s) -> s.logits()[0]).containsExactly(120f, 4f, 6f, 40f);
	}

	@Test
	void equalLengthsKeepTheirOrder() {
		List<TextInput> inputs = List.of(TextInput.of("b"), TextInput.of("a"), TextInput.of("c"));

		LengthBatching.classify(this.lengths, inputs, 8);

		assertThat(this.lengths.classified()).containsExactlyElementsOf(inputs);
	}

	@Test
	void scoresComeBackInTheCallersOrder() {
		List<TextInput> inputs = List.of(text(5), text(2), text(7), text(1), text(3));

		List<Scores> scores = LengthBatching.classify(this.lengths, inputs, 2).scores();

		assertThat(scores).extracting((s) -> s.logits()[0]).containsExactly(5f, 2f, 7f, 1f, 3f);
	}

	@Test
	void noInputsCallNothing() {
		LengthBatching.Result result = LengthBatching.classify(this.lengths, List.of(), 4);

		assertThat(result.scores()).isEmpty();
		assertThat(result.batches()).isZero();
		assertThat(this.lengths.batches()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void brokenResultsBreakTheContract(String what, UnaryOperator<List<Scores>> tamper, String message) {
		Tier tier = misbehaving(tamper);

		assertThatExceptionOfType(TierException.class).isThrownBy(() -> LengthBatching.classify(tier, texts(3), 8))
			.withMessageContaining("'broken'")
			.withMessageContaining(message);
	}

	static Stream<Arguments> brokenResultsBreakTheContract() {
		UnaryOperator<List<Scores>> tooFew = (batch) -> batch.subList(1, batch.size());
		return Stream.of(arguments("too few results", tooFew, "2 results for 3 inputs"),
				arguments("a wrong number of logits", replacing(0, new Scores(new float[] { 1, 2, 3 }, false)),
						"3 logits for 2 labels"),
				arguments("NaN logits", replacing(2, new Scores(new float[] { 0, Float.NaN }, false)), "NaN"),
				arguments("a null result", replacing(1, null), "null"));
	}

	@Test
	void byLengthOrdersIndicesShortestFirstAndKeepsTiesInOrder() {
		List<String> items = List.of("ccc", "a", "bb", "x", "", "yy");
		List<String> measured = new ArrayList<>();

		int[] order = LengthBatching.byLength(items, (item) -> {
			measured.add(item);
			return item.length();
		});

		assertThat(order).containsExactly(4, 1, 3, 2, 5, 0);
		assertThat(measured).containsExactlyElementsOf(items);
	}

	@Test
	void batchSizeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> LengthBatching.classify(this.lengths, texts(1), 0));
	}

	/** Returns inputs of lengths 1 to count. */
	private static List<TextInput> texts(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(LengthBatchingTest::text).toList();
	}

	private static TextInput text(int length) {
		return TextInput.of("x".repeat(length));
	}

	/** Returns a change to a batch's scores that puts {@code scores} at {@code index}. */
	private static UnaryOperator<List<Scores>> replacing(int index, @Nullable Scores scores) {
		return (batch) -> {
			List<Scores> tampered = new ArrayList<>(batch);
			tampered.set(index, scores);
			return tampered;
		};
	}

	/** Returns a two-label tier that passes well-formed scores through {@code tamper}. */
	private static Tier misbehaving(UnaryOperator<List<Scores>> tamper) {
		FakeTier tier = FakeTier.hashed("broken", List.of("a", "b"));
		tier.tamper(tamper);
		return tier;
	}

}
