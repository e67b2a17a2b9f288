package dev.tango.core.cascade;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.tango.core.testing.FakeTier;
import dev.tango.core.testing.ForwardingTier;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The synchronous cascade within a time limit: tier calls are given the time left, and a
 * later tier that cannot answer in time either fails the call or, where its stage falls
 * back, leaves the previous tier's prediction, marked as a fallback; by the same rule
 * ({@link Routing#fallback}) as the batching cascade.
 */
class CascadeDeadlineTest {

	private static final List<TextInput> INPUTS = inputs("0.9 0.6", "0.6 0.7", "0.2 0.95", "0.7 0.3");

	private final FakeTier small = FakeTier.reading("small", 0);

	private final FakeTier large = FakeTier.reading("large", 1);

	@Test
	void withTimeToSpareItAnswersAsWithoutALimitAndTellsEachCallTheTimeLeft() {
		TimedTier large = new TimedTier(this.large, Duration.ZERO, false, new CopyOnWriteArrayList<>());
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0.75), Stage.of(large, 0)));

		CascadeResult unbounded = cascade.classify(INPUTS, true);
		CascadeResult bounded = cascade.classify(INPUTS, true, Duration.ofSeconds(10));

		assertThat(bounded.predictions()).usingRecursiveFieldByFieldElementComparator()
			.isEqualTo(unbounded.predictions());
		assertThat(bounded.predictions()).extracting(Prediction::fallback).containsOnly(false);
		assertThat(large.timesLeft()).hasSize(1)
			.allSatisfy((left) -> assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void aLaterTierWithNoTimeLeftFailsTheCallWhenItsStageDoesNotFallBack() {
		Cascade cascade = new Cascade(List.of(Stage.of(slow(this.small, 150), 0.75),
				Stage.of(new TimedTier(this.large, Duration.ZERO, false, new CopyOnWriteArrayList<>()), 0)));

		assertThatExceptionOfType(DeadlineExceededException.class)
			.isThrownBy(() -> cascade.classify(INPUTS, false, Duration.ofMillis(50)))
			.withMessageContaining("time limit of 50 ms passed before tier 'large' (stage 1)")
			.satisfies((ex) -> assertThat(ex.stage()).isEqualTo(1));
		assertThat(this.large.batches()).isEmpty();
	}

	@Test
	void aLaterTierWithNoTimeLeftLeavesThePreviousPredictionMarkedWhenItsStageFallsBack() {
		TimedTier large = new TimedTier(this.large, Duration.ZERO, true, new CopyOnWriteArrayList<>());
		Cascade cascade = new Cascade(List.of(Stage.of(slow(this.small, 150), 0.75), Stage.of(large, 0)));

		CascadeResult result = cascade.classify(INPUTS, false, Duration.ofMillis(50));

		assertThat(result.predictions()).extracting(Prediction::tier, Prediction::label, Prediction::fallback)
			.containsExactly(tuple(0, "a", false), tuple(0, "a", true), tuple(0, "b", false), tuple(0, "a", true));
		assertThat(result.predictions().get(1).confidence()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(this.large.batches()).isEmpty();
		assertThat(result.tiers()).extracting(TierStats::inputs, TierStats::answered, TierStats::batches)
			.containsExactly(tuple(4, 2, 1), tuple(2, 0, 0));
	}

	@Test
	void aLaterTierThatRunsOutOfTimeInItsCallFollowsTheSameRule() {
		TimedTier fallingBack = new TimedTier(this.large, Duration.ofMillis(300), true, new CopyOnWriteArrayList<>());
		CascadeResult result = new Cascade(List.of(Stage.of(this.small, 0.75), Stage.of(fallingBack, 0)))
			.classify(INPUTS, false, Duration.ofMillis(100));
		assertThat(result.predictions()).extracting(Prediction::fallback).containsExactly(false, true, false, true);
		assertThat(fallingBack.timesLeft()).singleElement()
			.satisfies((left) -> assertThat(left).isLessThanOrEqualTo(Duration.ofMillis(100)));

		TimedTier failing = new TimedTier(this.large, Duration.ofMillis(300), false, new CopyOnWriteArrayList<>());
		Cascade strict = new Cascade(List.of(Stage.of(this.small, 0.75), Stage.of(failing, 0)));
		assertThatExceptionOfType(TierUnavailableException.class)
			.isThrownBy(() -> strict.classify(INPUTS, false, Duration.ofMillis(100)))
			.withMessageContaining("no answer within");
	}

	@Test
	void theFirstTierHasNoPredictionToFallBackTo() {
		Tier slowFirst = slow(new TimedTier(this.small, Duration.ZERO, true, new CopyOnWriteArrayList<>()), 80);
		Cascade cascade = new Cascade(
				List.of(new Stage(slowFirst, StageSettings.answering(1).withThreshold(0.75)), Stage.of(this.large, 0)));

		assertThatExceptionOfType(DeadlineExceededException.class)
			.isThrownBy(() -> cascade.classify(INPUTS, false, Duration.ofMillis(40)))
			.satisfies((ex) -> assertThat(ex.stage()).isZero());
	}

	@Test
	void theTimeLimitMustBePositive() {
		Cascade cascade = new Cascade(List.of(Stage.of(this.small, 0)));
		assertThatIllegalArgumentException().isThrownBy(() -> cascade.classify(INPUTS, false, Duration.ZERO));
	}

	private static Tier slow(Tier tier, long millis) {
		return new TimedTier(tier, Duration.ofMillis(millis), tier.fallsBack(), new CopyOnWriteArrayList<>())
			.ignoringTime();
	}

	private static List<TextInput> inputs(String... texts) {
		return Arrays.stream(texts).map(TextInput::of).toList();
	}

	/**
	 * A tier that takes a while per call and, told how long it may take, gives up once
	 * that time is spent, as a remote tier does; it falls back or not as told.
	 */
	private record TimedTier(Tier delegate, Duration delay, boolean fallsBack,
			List<Duration> timesLeft) implements ForwardingTier {

		@Override
		public List<Scores> classify(List<TextInput> inputs, Duration timeLeft) {
			this.timesLeft.add(timeLeft);
			if (this.delay.compareTo(timeLeft) > 0) {
				sleep(timeLeft);
				throw new TierUnavailableException("no answer within " + timeLeft.toMillis() + " ms",
						Duration.ofSeconds(1), this.fallsBack, null);
			}
			sleep(this.delay);
			return this.delegate.classify(inputs);
		}

		/** Returns a tier that takes this tier's delay whatever time it is given. */
		Tier ignoringTime() {
			TimedTier timed = this;
			return new ForwardingTier() {

				@Override
				public Tier delegate() {
					return timed.delegate();
				}

				@Override
				public boolean fallsBack() {
					return timed.fallsBack();
				}

				@Override
				public List<Scores> classify(List<TextInput> inputs, Duration timeLeft) {
					sleep(timed.delay());
					return timed.delegate().classify(inputs);
				}

			};
		}

		private static void sleep(Duration duration) {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
