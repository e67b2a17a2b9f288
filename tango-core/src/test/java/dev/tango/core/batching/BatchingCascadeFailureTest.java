package dev.tango.core.batching;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.tango.core.batching.RequestRejectedException.Reason;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BatchingCascadeFailureTest extends CascadeFixture {

	@Test
	void refusesARequestTheFirstQueueCannotTakeAndServesTheAdmittedOnes() throws Exception {
		RecordingListener listener = new RecordingListener();
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(tier, 4, 0.9)))
			.batching(NO_DELAY.withQueueCapacity(8).withLengthWindow(1))
			.listener(listener));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, tier, "0:pos:blocker");
		CompletableFuture<BatchingResult> a = cascade.submit(inputs("0:pos:a1", "0:neg:a2", "0:pos:a3"));
		CompletableFuture<BatchingResult> b = cascade.submit(inputs("0:pos:b1", "0:neg:b2", "0:pos:b3"));

		RequestRejectedException refused = rejection(() -> cascade.submit(inputs("0:pos:c1", "0:neg:c2", "0:pos:c3")));

		assertThat(refused.reason()).isEqualTo(Reason.QUEUE_FULL);
		assertThat(refused.stage()).isZero();
		assertThat(refused.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(refused.getStackTrace()).isEmpty();
		assertThat(listener.rejected).containsExactly("0:QUEUE_FULL");
		CompletableFuture<BatchingResult> d = cascade.submit(inputs("0:pos:d1", "0:neg:d2"));
		assertThat(cascade.queueDepth(0)).isEqualTo(8);
		tier.release();
		for (CompletableFuture<BatchingResult> admitted : List.of(blocker, a, b, d)) {
			assertThat(await(admitted).predictions()).extracting(Prediction::tier).containsOnly(0);
		}
		assertThat(tier.texts()).noneMatch((text) -> text.startsWith("0:pos:c"));
		assertThat(await(cascade.submit(inputs("0:pos:c1", "0:neg:c2", "0:pos:c3"))).predictions()).hasSize(3);
	}

	@Test
	void aRequestLargerThanTheFirstQueueIsInvalid() {
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier, 4, 0.9))).batching(NO_DELAY.withQueueCapacity(2)));

		assertThatIllegalArgumentException().isThrownBy(() -> cascade.submit(inputs("0:pos:a", "0:pos:b", "0:pos:c")));
	}

	@Test
	void aRequestFailsWhenTheNextQueueCannotTakeItsEscalatedInputs() throws Exception {
		RecordingListener listener = new RecordingListener();
		BatchingCascade cascade = start(
				firstThenSecond(8, 8).batching(NO_DELAY).batching(1, NO_DELAY.withQueueCapacity(2)).listener(listener));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, this.second, "1:pos:blocker");
		CompletableFuture<BatchingResult> fits = cascade.submit(inputs("1:pos:a", "1:neg:b"));
		CompletableFuture<BatchingResult> overflows = cascade.submit(inputs("0:pos:easy", "1:pos:a much longer text"));

		Throwable failure = failure(overflows);

		assertThat(failure).isInstanceOfSatisfying(RequestRejectedException.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(Reason.QUEUE_FULL);
			assertThat(refused.stage()).isEqualTo(1);
			assertThat(refused.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		});
		assertThat(listener.rejected).containsExactly("1:QUEUE_FULL");
		this.second.release();
		assertThat(await(blocker).predictions()).extracting(Prediction::tier).containsExactly(1);
		assertThat(await(fits).predictions()).extracting(Prediction::tier).containsExactly(1, 1);
		assertThat(this.second.texts()).doesNotContain("1:pos:a much longer text");
	}

	@Test
	void inputsWhoseDeadlinePassedInTheQueueAreNotRun() throws Exception {
		RecordingListener listener = new RecordingListener();
		AtomicLong clock = new AtomicLong();
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY)
			.defaultTimeout(Duration.ofSeconds(1))
			.clock(clock::get)
			.listener(listener));
		CompletableFuture<BatchingResult> escalatedBlocker = blockTier(cascade, this.second, "1:pos:blocker");
		CompletableFuture<BatchingResult> lateAtSecond = cascade.submit(inputs("1:neg:late at second"));
		awaitCondition("an input waits at the second stage", () -> cascade.queueDepth(1) == 1);
		this.first.awaitCalls(2);
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, this.first, "0:pos:blocker");
		CompletableFuture<BatchingResult> late = cascade.submit(inputs("0:pos:late"));
		CompletableFuture<BatchingResult> patient = cascade.submit(inputs("0:pos:patient"),
				RequestOptions.defaults().withTimeout(Duration.ofHours(1)));

		clock.addAndGet(Duration.ofSeconds(2).toNanos());
		this.first.release();
		this.second.release();

		assertThat(failure(late)).isInstanceOfSatisfying(RequestRejectedException.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
			assertThat(refused.stage()).isZero();
		});
		assertThat(failure(lateAtSecond)).isInstanceOfSatisfying(RequestRejectedException.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
			assertThat(refused.stage()).isEqualTo(1);
		});
		assertThat(await(patient).predictions()).hasSize(1);
		assertThat(await(blocker).predictions()).hasSize(1);
		assertThat(await(escalatedBlocker).predictions()).hasSize(1);
		assertThat(this.first.texts()).doesNotContain("0:pos:late");
		assertThat(this.second.texts()).doesNotContain("1:neg:late at second");
		assertThat(listener.rejected).containsExactlyInAnyOrder("0:DEADLINE_EXCEEDED", "1:DEADLINE_EXCEEDED");
	}

	@Test
	void aCancelledRequestIsSkippedAndForgotten() throws Exception {
		RecordingListener listener = new RecordingListener();
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).batching(NO_DELAY).listener(listener));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, tier, "0:pos:blocker");
		TextInput abandoned = TextInput.of("0:neg:" + "abandoned ".repeat(100));
		WeakReference<TextInput> reference = new WeakReference<>(abandoned);
		CompletableFuture<BatchingResult> cancelled = cascade.submit(List.of(abandoned));
		abandoned = null;
		CompletableFuture<BatchingResult> after = cascade.submit(inputs("0:pos:after"));

		assertThat(cancelled.cancel(true)).isTrue();
		tier.release();

		assertThat(await(blocker).predictions()).hasSize(1);
		assertThat(await(after).predictions()).hasSize(1);
		assertThat(cancelled).isCancelled();
		assertThat(tier.texts()).noneMatch((text) -> text.contains("abandoned"));
		assertThat(listener.cancelled).hasValue(1);
		awaitCondition("the cancelled input is collected", () -> {
			System.gc();
			return reference.get() == null;
		});
	}

	@Test
	void aTierFailureFailsOnlyTheRequestsInThatBatch() throws Exception {
		RecordingListener listener = new RecordingListener();
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		TierException boom = new TierException("model failed");
		tier.failOn("boom", boom);
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(tier, 8, 0.9)))
			.batching(NO_DELAY.withLengthWindow(1))
			.listener(listener));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, tier, "0:pos:blocker");
		CompletableFuture<BatchingResult> failing = cascade.submit(inputs("0:pos:boom"));
		CompletableFuture<BatchingResult> sameBatch = cascade.submit(inputs("0:pos:fine", "0:neg:fine"));
		tier.release();

		assertThat(failure(failing)).isSameAs(boom);
		assertThat(failure(sameBatch)).isSameAs(boom);
		assertThat(await(blocker).predictions()).hasSize(1);
		assertThat(listener.failed).containsExactly(boom);
		assertThat(await(cascade.submit(inputs("0:neg:after", "0:pos:after"))).predictions())
			.extracting(Prediction::label)
			.containsExactly("neg", "pos");
	}

	@Test
	void aRuntimeExceptionFromATierIsWrappedInATierException() throws Exception {
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		IllegalStateException bug = new IllegalStateException("bug");
		tier.failOn("bug", bug);
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).batching(NO_DELAY));

		assertThat(failure(cascade.submit(inputs("0:pos:bug")))).isInstanceOf(TierException.class)
			.hasMessageContaining("tier")
			.hasCause(bug);
		assertThat(await(cascade.submit(inputs("0:pos:fine"))).predictions()).hasSize(1);
	}

	@Test
	void aTierReturningTheWrongNumberOfScoresFails() throws Exception {
		FakeTier wrong = new FakeTier("wrong", FakeTier.LABELS, Activation.SOFTMAX,
				(input) -> new float[input.text().length()]);
		wrong.tamper((scores) -> scores.subList(0, scores.size() - ((scores.size() > 1) ? 1 : 0)));
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(wrong, 8, 0.9))).batching(NO_DELAY));

		assertThat(failure(cascade.submit(inputs("ab", "cd")))).isInstanceOf(TierException.class)
			.hasMessageContaining("1 results for 2 inputs");
		assertThat(failure(cascade.submit(inputs("abc")))).isInstanceOf(TierException.class)
			.hasMessageContaining("3 logits for 2 labels");
		assertThat(await(cascade.submit(inputs("ab"))).predictions()).hasSize(1);
	}

	@Test
	void aTierReturningANaNLogitFails() throws Exception {
		RecordingListener listener = new RecordingListener();
		FakeTier tier = tier(new FakeTier("tier", FakeTier.LABELS, Activation.SOFTMAX,
				(input) -> input.text().equals("broken") ? new float[] { Float.NaN, 0 } : new float[] { 0, 5 }));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).batching(NO_DELAY).listener(listener));

		assertThat(failure(cascade.submit(inputs("broken", "fine")))).isInstanceOf(TierException.class)
			.hasMessageContaining("'tier'")
			.hasMessageContaining("NaN");
		assertThat(listener.failed).singleElement().asString().contains("NaN");
		assertThat(await(cascade.submit(inputs("fine"))).predictions()).extracting(Prediction::label)
			.containsExactly("pos");
	}

	@Test
	void aFailingListenerDoesNotStopTheWorkers() throws Exception {
		BatchingListener failing = new BatchingListener() {

			@Override
			public void batchExecuted(BatchExecution batch) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void inputsAnswered(int stage, int inputs) {
				throw new IllegalStateException("listener bug");
			}

		};
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).batching(NO_DELAY).listener(failing));

		assertThat(await(cascade.submit(inputs("0:pos:a"))).predictions()).hasSize(1);
		assertThat(await(cascade.submit(inputs("0:neg:b"))).predictions()).hasSize(1);
	}

}
