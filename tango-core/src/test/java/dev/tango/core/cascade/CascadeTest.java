package dev.tango.core.cascade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class CascadeTest {

	private static final double EPS = 1e-6;

	private final FakeTier small = FakeTier.reading("small", 0);

	private final FakeTier medium = FakeTier.reading("medium", 1);

	private final FakeTier large = FakeTier.reading("large", 2);

	@Test
	void confidentInputsStayAndTheOthersMoveOn() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0.75), Stage.of(this.medium, 0.75)));
		List<TextInput> inputs = inputs("0.9 0.6", "0.6 0.7", "0.2 0.95", "0.7 0.3");

		CascadeResult result = cascade.classify(inputs, false);

		assertThat(result.predictions()).extracting(Prediction::tier, Prediction::label)
			.containsExactly(tuple(0, "a"), tuple(1, "a"), tuple(0, "b"), tuple(1, "b"));
		assertThat(result.predictions().stream().mapToDouble(Prediction::confidence).toArray())
			.containsExactly(new double[] { 0.9, 0.7, 0.8, 0.7 }, within(EPS));
		assertThat(result.tiers()).containsExactly(new TierStats("small", 4, 2, 1, result.tiers().get(0).nanos()),
				new TierStats("medium", 2, 2, 1, result.tiers().get(1).nanos()));
		assertThat(this.medium.classified()).containsExactly(inputs.get(1), inputs.get(3));
		assertThat(result.nanos()).isGreaterThanOrEqualTo(result.tiers().get(0).nanos());
	}

	@Test
	void confidenceEqualToTheThresholdIsEnough() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0.5), Stage.of(this.medium, 0)));

		CascadeResult result = cascade.classify(inputs("0.5 0.9"), false);

		assertThat(result.predictions().get(0).tier()).isZero();
		assertThat(result.predictions().get(0).confidence()).isEqualTo(0.5);
	}

	@Test
	void thresholdZeroLetsTheFirstTierAnswerEverything() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0), Stage.of(this.medium, 0)));

		CascadeResult result = cascade.classify(inputs("0.5 0.9", "0.99 0.9", "0.01 0.9"), false);

		assertThat(result.predictions()).extracting(Prediction::tier).containsOnly(0);
		assertThat(result.tiers().get(1)).isEqualTo(new TierStats("medium", 0, 0, 0, 0));
		assertThat(this.medium.batches()).isEmpty();
	}

	@Test
	void thresholdOneEscalatesAllButCertainInputs() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 1), Stage.of(this.medium, 1)));

		CascadeResult result = cascade.classify(inputs("0.999 0.6", "1 0.6", "0 0.6", "0.5 0.6"), false);

		assertThat(result.predictions()).extracting(Prediction::tier).containsExactly(1, 0, 0, 1);
		assertThat(result.predictions()).extracting(Prediction::label).containsExactly("a", "a", "b", "a");
	}

	@Test
	void noInputsCallNoTier() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0.8), Stage.of(this.medium, 0.8)));

		CascadeResult result = cascade.classify(List.of(), true);

		assertThat(result.predictions()).isEmpty();
		assertThat(result.tiers()).containsExactly(new TierStats("small", 0, 0, 0, 0),
				new TierStats("medium", 0, 0, 0, 0));
		assertThat(this.small.batches()).isEmpty();
	}

	@Test
	void aSingleTierAnswersEverythingWhateverItsThreshold() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 1)));

		CascadeResult result = cascade.classify(inputs("0.6", "0.95"), false);

		assertThat(result.predictions()).extracting(Prediction::tier).containsExactly(0, 0);
		assertThat(result.tiers()).singleElement()
			.extracting(TierStats::inputs, TierStats::answered)
			.containsExactly(2, 2);
	}

	@Test
	void threeTiersEachAnswerWhatTheyAreSureOf() {
		Cascade cascade = new Cascade(
				List.of(Stage.of(this.small, 0.8), Stage.of(this.medium, 0.7), Stage.of(this.large, 0.99)));

		CascadeResult result = cascade.classify(inputs("0.9 0.5 0.5", "0.6 0.75 0.5", "0.6 0.6 0.55", "0.3 0.1 0.5"),
				false);

		assertThat(result.predictions()).extracting(Prediction::tier, Prediction::label)
			.containsExactly(tuple(0, "a"), tuple(1, "a"), tuple(2, "a"), tuple(1, "b"));
		assertThat(result.predictions().get(2).confidence()).isCloseTo(0.55, within(EPS));
		assertThat(result.tiers()).extracting(TierStats::tier, TierStats::inputs, TierStats::answered)
			.containsExactly(tuple("small", 4, 1), tuple("medium", 3, 2), tuple("large", 1, 1));
	}

	@Test
	void eachTierUsesItsOwnBatchSize() {
		Cascade cascade = new Cascade(List.of(new Stage(this.small, 3, ConfidenceMeasure.MAX_PROBABILITY, 1, 0.8),
				new Stage(this.medium, 2, ConfidenceMeasure.MAX_PROBABILITY, 1, 0)));

		CascadeResult result = cascade
			.classify(inputs("0.6 0.9", "0.9 0.9", "0.6 0.9", "0.6 0.9", "0.9 0.9", "0.6 0.9", "0.6 0.9"), false);

		// Inputs of one length: the fewest calls, the smallest batch first.
		assertThat(this.small.batches()).extracting(List::size).containsExactly(1, 3, 3);
		assertThat(this.medium.batches()).extracting(List::size).containsExactly(1, 2, 2);
		assertThat(result.tiers()).extracting(TierStats::batches).containsExactly(3, 3);
	}

	@Test
	void eachTierUsesItsOwnMeasureAndTemperature() {
		Cascade cascade = new Cascade(List.of(new Stage(this.small, 4, ConfidenceMeasure.MARGIN, 1, 0.7),
				new Stage(this.medium, 4, ConfidenceMeasure.MAX_PROBABILITY, 2, 0)));

		CascadeResult result = cascade.classify(inputs("0.8 0.8", "0.9 0.8"), false);

		assertThat(result.predictions()).extracting(Prediction::tier).containsExactly(1, 0);
		assertThat(result.predictions().get(0).confidence()).isCloseTo(2.0 / 3, within(EPS));
		assertThat(result.predictions().get(1).confidence()).isCloseTo(0.8, within(EPS));
	}

	@Test
	void probabilitiesComeFromTheAnsweringTierWhenAsked() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0.75), Stage.of(this.medium, 0)));
		List<TextInput> inputs = inputs("0.9 0.3", "0.6 0.3");

		List<Prediction> with = cascade.classify(inputs, true).predictions();
		List<Prediction> without = cascade.classify(inputs, false).predictions();

		assertThat(with.get(0).probabilities()).containsExactly(new float[] { 0.9f, 0.1f }, within(1e-6f));
		assertThat(with.get(1).probabilities()).containsExactly(new float[] { 0.3f, 0.7f }, within(1e-6f));
		assertThat(without).extracting(Prediction::probabilities).containsOnlyNulls();
	}

	@Test
	void multiLabelTiersEscalateOnTheirLeastSureLabel() {
		FakeTier first = new FakeTier("first", List.of("a", "b"), Activation.SIGMOID,
				(input) -> new float[] { 4, 0.2f });
		FakeTier second = new FakeTier("second", List.of("a", "b"), Activation.SIGMOID,
				(input) -> new float[] { 3, -3 });
		Cascade cascade = new Cascade(List.of(Stage.of(first, 0.9), Stage.of(second, 0)));

		Prediction prediction = cascade.classify(inputs("text"), true).predictions().get(0);

		assertThat(prediction.tier()).isEqualTo(1);
		assertThat(prediction.label()).isEqualTo("a");
		assertThat(prediction.confidence()).isCloseTo(1 / (1 + Math.exp(-3)), within(EPS));
		assertThat(prediction.probabilities()).containsExactly(
				new float[] { (float) (1 / (1 + Math.exp(-3))), (float) (1 / (1 + Math.exp(3))) }, within(1e-6f));
	}

	@Test
	void tiersMustShareTheirLabelsInOrder() {
		FakeTier reversed = new FakeTier("reversed", List.of("b", "a"), Activation.SOFTMAX, (input) -> new float[2]);
		FakeTier three = new FakeTier("three", List.of("a", "b", "c"), Activation.SOFTMAX, (input) -> new float[3]);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Cascade(List.of(Stage.of(this.small, 0.5), Stage.of(reversed, 0))))
			.withMessageContaining("same labels in the same order")
			.withMessageContaining("label 0 is 'a' in tier 'small' but 'b' in tier 'reversed'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Cascade(List.of(Stage.of(this.small, 0.5), Stage.of(three, 0))))
			.withMessageContaining("tier 'small' has 2 labels but tier 'three' has 3");
	}

	@Test
	void tiersMustShareTheirActivation() {
		FakeTier multiLabel = new FakeTier("multi", List.of("a", "b"), Activation.SIGMOID, (input) -> new float[2]);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Cascade(List.of(Stage.of(this.small, 0.5), Stage.of(multiLabel, 0))))
			.withMessageContaining("same activation");
	}

	@Test
	void aCascadeNeedsAStage() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Cascade(List.of()));
	}

	@Test
	void aBrokenTierFailsTheCall() {
		FakeTier broken = new FakeTier("broken", List.of("a", "b"), Activation.SOFTMAX, (input) -> new float[1]);
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0.75), Stage.of(broken, 0)));

		assertThatExceptionOfType(TierException.class)
			.isThrownBy(() -> cascade.classify(inputs("0.9 x", "0.6 x"), false))
			.withMessageContaining("'broken'");
	}

	@Test
	void stagesAndLabelsAreExposed() {
		List<Stage> stages = List.of(Stage.of(this.small, 0.75), Stage.of(this.medium, 0));

		Cascade cascade = new Cascade(stages);

		assertThat(cascade.stages()).isEqualTo(stages);
		assertThat(cascade.labels()).containsExactly("a", "b");
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everyInputIsAnsweredOnceByTheTierItsConfidencesPick(long seed) {
		RandomGenerator random = Seeds.random(seed);
		List<String> texts = IntStream.range(0, random.nextInt(0, 31))
			.mapToObj((i) -> Seeds.letters(random, 12))
			.toList();
		List<Double> thresholds = IntStream.range(0, random.nextInt(1, 4)).mapToObj((k) -> threshold(random)).toList();
		int batchSize = random.nextInt(1, 6);
		List<FakeTier> tiers = new ArrayList<>();
		List<Stage> stages = new ArrayList<>();
		List<ConfidenceFunction> functions = new ArrayList<>();
		for (int k = 0; k < thresholds.size(); k++) {
			FakeTier tier = FakeTier.hashed("tier" + k, List.of("x", "y", "z"));
			tiers.add(tier);
			stages.add(new Stage(tier, batchSize, ConfidenceMeasure.MAX_PROBABILITY, 1, thresholds.get(k)));
			functions.add(new ConfidenceFunction(Activation.SOFTMAX, ConfidenceMeasure.MAX_PROBABILITY, 1));
		}
		List<TextInput> inputs = IntStream.range(0, texts.size())
			.mapToObj((i) -> TextInput.of(i + ":" + texts.get(i)))
			.toList();
		int last = tiers.size() - 1;

		CascadeResult result = new Cascade(stages).classify(inputs, false);

		assertThat(result.predictions()).hasSameSizeAs(inputs);
		for (int i = 0; i < inputs.size(); i++) {
			Prediction prediction = result.predictions().get(i);
			int answering = prediction.tier();
			for (int j = 0; j < answering; j++) {
				assertThat(functions.get(j).confidence(tiers.get(j).logits(inputs.get(i))))
					.isLessThan(thresholds.get(j));
			}
			float[] logits = tiers.get(answering).logits(inputs.get(i));
			double confidence = functions.get(answering).confidence(logits);
			if (answering < last) {
				assertThat(confidence).isGreaterThanOrEqualTo(thresholds.get(answering));
			}
			assertThat(prediction.confidence()).isEqualTo(confidence);
			assertThat(prediction.labelIndex()).isEqualTo(functions.get(answering).label(logits));
		}
		for (int k = 0; k <= last; k++) {
			int tier = k;
			List<TextInput> reaching = IntStream.range(0, inputs.size())
				.filter((i) -> result.predictions().get(i).tier() >= tier)
				.mapToObj(inputs::get)
				.toList();
			long answered = result.predictions().stream().filter((p) -> p.tier() == tier).count();
			assertThat(tiers.get(k).classified()).containsExactlyInAnyOrderElementsOf(reaching);
			assertThat(tiers.get(k).batches())
				.allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(batchSize));
			assertThat(result.tiers().get(k)).extracting(TierStats::inputs, TierStats::answered, TierStats::batches)
				.containsExactly(reaching.size(), (int) answered, tiers.get(k).batches().size());
			assertThat(tiers.get(k).batches().size()).isBetween((reaching.size() + batchSize - 1) / batchSize,
					reaching.size());
		}
	}

	private static LongStream seeds() {
		return Seeds.seeds(200);
	}

	/** Returns a threshold from 0 to 1, each bound one time in ten. */
	private static double threshold(RandomGenerator random) {
		return switch (random.nextInt(10)) {
			case 0 -> 0;
			case 1 -> 1;
			default -> random.nextDouble();
		};
	}

	private static List<TextInput> inputs(String... texts) {
		return Arrays.stream(texts).map(TextInput::of).toList();
	}

}
