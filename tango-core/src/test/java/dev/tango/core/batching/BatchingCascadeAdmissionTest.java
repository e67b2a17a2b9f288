package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.tango.core.batching.RequestRejectedException.Reason;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.testing.ForwardingTier;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Admission by time: a request is admitted only if the work ahead of it, estimated from
 * the tiers' measured costs, lets it finish before its deadline.
 */
class BatchingCascadeAdmissionTest extends CascadeFixture {

	@Test
	void admitsOnlyWhatCanFinishBeforeItsDeadlineAndRefusesTheRestAtOnce() throws Exception {
		RecordingListener listener = new RecordingListener();
		Tier slow = new SlowTier(tier(FakeTier.skilled("slow", 0)), Duration.ofMillis(10));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(new Stage(slow, 1, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.9)))
					.batching(NO_DELAY)
					.defaultTimeout(Duration.ofSeconds(1))
					.admissionMargin(0.5)
					.listener(listener));
		for (int i = 0; i < 3; i++) {
			await(cascade.submit(inputs("0:pos:warm-up")));
		}
		long warmUpWork = "0:pos:warm-up".length() + Admission.PER_INPUT;
		assertThat(cascade.costPerUnitNanos(0))
			.isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos() / (double) warmUpWork);

		List<CompletableFuture<BatchingResult>> admitted = new ArrayList<>();
		List<Long> admittedAt = new ArrayList<>();
		List<RequestRejectedException> refused = new ArrayList<>();
		long slowestRefusal = 0;
		for (int i = 0; i < 300; i++) {
			long start = System.nanoTime();
			try {
				admitted.add(cascade.submit(inputs("0:pos:request " + i)));
				admittedAt.add(start);
			}
			catch (RequestRejectedException ex) {
				slowestRefusal = Math.max(slowestRefusal, System.nanoTime() - start);
				refused.add(ex);
			}
		}

		// 500 ms of budget (half the timeout) at 10 ms or more per input.
		assertThat(admitted).hasSizeBetween(10, 60);
		assertThat(refused).hasSize(300 - admitted.size()).allSatisfy((ex) -> {
			assertThat(ex.reason()).isEqualTo(Reason.OVERLOADED);
			assertThat(ex.stage()).isZero();
			assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
		});
		// Refused at once: far sooner than the 500 ms of work admitted ahead or the 1 s
		// deadline, either of which a refusal after waiting would take; loose enough for
		// a pause of a busy machine.
		assertThat(slowestRefusal).isLessThan(TimeUnit.MILLISECONDS.toNanos(200));
		for (int i = 0; i < admitted.size(); i++) {
			assertThat(await(admitted.get(i)).predictions()).hasSize(1);
			long finished = System.nanoTime() - admittedAt.get(i);
			assertThat(finished).as("request %d finished within its deadline", i)
				.isLessThan(Duration.ofSeconds(1).toNanos());
		}
		assertThat(listener.rejected).hasSize(refused.size()).containsOnly("0:OVERLOADED");
		awaitCondition("the backlog drains", () -> cascade.estimatedBacklog().isZero());
		assertThat(await(cascade.submit(inputs("0:pos:after the rush"))).predictions()).hasSize(1);
	}

	@Test
	void theBacklogCountsEveryInputOutWhateverBecomesOfIt() throws Exception {
		AtomicLong clock = new AtomicLong();
		TierException boom = new TierException("model failed");
		this.first.failOn("boom", boom);
		BatchingCascade cascade = start(firstThenSecond(1, 4).batching(NO_DELAY.withLengthWindow(1))
			.batching(1, NO_DELAY.withQueueCapacity(1).withLengthWindow(1))
			.clock(clock::get)
			.defaultTimeout(Duration.ofHours(1)));
		await(cascade.submit(inputs("0:pos:measure", "1:neg:measure")));
		CompletableFuture<BatchingResult> escalatedBlocker = blockTier(cascade, this.second, "1:pos:blocker");
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, this.first, "0:pos:blocker");
		assertThat(cascade.estimatedBacklog()).isPositive();
		CompletableFuture<BatchingResult> failing = cascade.submit(inputs("0:pos:boom"));
		CompletableFuture<BatchingResult> cancelled = cascade.submit(inputs("0:pos:cancelled"));
		CompletableFuture<BatchingResult> late = cascade.submit(inputs("0:pos:late"),
				RequestOptions.defaults().withTimeout(Duration.ofSeconds(1)));
		CompletableFuture<BatchingResult> overflowing = cascade.submit(inputs("1:pos:fits", "1:neg:overflows"));
		cancelled.cancel(true);

		clock.addAndGet(Duration.ofSeconds(2).toNanos());
		this.first.release();

		assertThat(failure(failing)).isSameAs(boom);
		assertThat(failure(late)).isInstanceOfSatisfying(RequestRejectedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED));
		assertThat(failure(overflowing)).isInstanceOfSatisfying(RequestRejectedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.QUEUE_FULL));
		this.second.release();
		assertThat(await(blocker).predictions()).hasSize(1);
		assertThat(await(escalatedBlocker).predictions()).hasSize(1);
		awaitCondition("the backlog drains", () -> cascade.estimatedBacklog().isZero());
	}

	@Test
	void theEstimateFollowsTheLengthOfInputsSoLongOnesDoNotShutOutShortOnes() throws Exception {
		Tier lengthy = new CharTimedTier(tier(FakeTier.skilled("lengthy", 0)), Duration.ofNanos(20_000));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(new Stage(lengthy, 8, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.9)))
					.batching(NO_DELAY)
					.defaultTimeout(Duration.ofSeconds(1))
					.admissionMargin(0.5));
		String[] longTexts = new String[4];
		Arrays.fill(longTexts, "0:pos:" + "long ".repeat(400));
		// 4 inputs of 2,006 characters at 20 µs each: about 160 ms.
		await(cascade.submit(inputs(longTexts)));
		awaitCondition("the backlog drains", () -> cascade.estimatedBacklog().isZero());

		// 64 short inputs: about 20 ms of work, where 64 times the cost of a long input
		// would be 2.6 s, beyond the 500 ms budget.
		String[] shortTexts = new String[64];
		Arrays.setAll(shortTexts, (i) -> "0:pos:short " + i);
		assertThat(await(cascade.submit(inputs(shortTexts))).predictions()).hasSize(64);

		// And after short ones, 64 long inputs (about 2.6 s) are judged by their length:
		// refused while 4 long ones run ahead, with a wait until those are done.
		CompletableFuture<BatchingResult> ahead = cascade.submit(inputs(longTexts));
		String[] manyLong = new String[64];
		Arrays.fill(manyLong, longTexts[0]);
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> cascade.submit(inputs(manyLong)))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.OVERLOADED);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			});
		assertThat(await(ahead).predictions()).hasSize(4);
	}

	@Test
	void theEstimateTellsTheCostOfACallFromTheCostOfItsInputsSoFewShortCallsDoNotInflateLongWork() throws Exception {
		Tier overhead = new CharTimedTier(tier(FakeTier.skilled("overhead", 0)), Duration.ofMillis(20),
				Duration.ofNanos(50_000));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(new Stage(overhead, 8, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.9)))
					.batching(NO_DELAY)
					.defaultTimeout(Duration.ofSeconds(10)));
		// One short input a call, of 26 to 406 characters: 20 ms a call and 1 to 20 ms
		// for its characters, where a cost per unit alone would put the call's 20 ms on
		// the characters, about three times as many per character.
		for (int i = 0; i < 20; i++) {
			await(cascade.submit(inputs("0:pos:" + "word ".repeat(4 + 4 * (i % 20)))));
		}
		assertThat(cascade.costPerCallNanos(0)).isPositive();

		String[] longTexts = new String[8];
		Arrays.fill(longTexts, "0:pos:" + "long ".repeat(400));
		long start = System.nanoTime();
		CompletableFuture<BatchingResult> longWork = cascade.submit(inputs(longTexts));
		double estimated = cascade.estimatedBacklog().toNanos();
		await(longWork);
		double took = System.nanoTime() - start;
		// One call of 16,048 characters: 20 ms and 802 ms.
		assertThat(estimated / took).isBetween(0.6, 1.4);
	}

	/**
	 * A tier that takes a fixed time per call and per character of its inputs, sleeping,
	 * before the tier it wraps answers: a cost that follows length, as a transformer's
	 * does.
	 */
	private record CharTimedTier(Tier delegate, Duration perCall, Duration perChar) implements ForwardingTier {

		CharTimedTier(Tier delegate, Duration perChar) {
			this(delegate, Duration.ZERO, perChar);
		}

		@Override
		public List<Scores> classify(List<TextInput> inputs) {
			long chars = inputs.stream().mapToLong(TextInput::charLength).sum();
			try {
				Thread.sleep(this.perCall.plus(this.perChar.multipliedBy(chars)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.delegate.classify(inputs);
		}

	}

	/**
	 * A tier that takes a fixed time per input, sleeping, before the tier it wraps
	 * answers.
	 */
	private record SlowTier(Tier delegate, Duration perInput) implements ForwardingTier {

		@Override
		public List<Scores> classify(List<TextInput> inputs) {
			try {
				Thread.sleep(this.perInput.multipliedBy(inputs.size()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.delegate.classify(inputs);
		}

	}

}
