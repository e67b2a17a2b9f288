package dev.tango.core.batching;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tango.core.batching.RequestRejectedException.Reason;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.testing.FakeTier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BatchingCascadeLifecycleTest extends CascadeFixture {

	@Test
	void requestsNeedAStartedCascade() {
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).build();

		assertThat(cascade.state()).isEqualTo(BatchingCascade.State.NEW);
		assertThatIllegalStateException().isThrownBy(() -> cascade.submit(inputs("0:pos:a")));
		assertThat(cascade.shutdown(Duration.ZERO)).isTrue();
		assertThat(cascade.state()).isEqualTo(BatchingCascade.State.TERMINATED);
		assertThat(rejection(() -> cascade.submit(inputs("0:pos:a"))).reason()).isEqualTo(Reason.SHUTTING_DOWN);
		assertThatIllegalStateException().isThrownBy(cascade::start);
	}

	@Test
	void aCascadeStartsOnce() {
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier(FakeTier.skilled("tier", 0)), 8, 0.9))));

		assertThat(cascade.state()).isEqualTo(BatchingCascade.State.RUNNING);
		assertThatIllegalStateException().isThrownBy(cascade::start);
	}

	@Test
	void shutdownFinishesAdmittedWorkAndRefusesNewRequests() throws Exception {
		RecordingListener listener = new RecordingListener();
		BatchingCascade cascade = start(
				firstThenSecond(2, 2).batching(NO_DELAY.withLengthWindow(1)).listener(listener));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, this.first, "0:pos:blocker");
		CompletableFuture<BatchingResult> queued = cascade.submit(inputs("0:pos:a", "1:neg:b", "1:pos:c", "0:neg:d"));

		CompletableFuture<Boolean> shutdown = CompletableFuture
			.supplyAsync(() -> cascade.shutdown(Duration.ofSeconds(60)));
		awaitCondition("the cascade drains", () -> cascade.state() == BatchingCascade.State.DRAINING);
		RequestRejectedException refused = rejection(() -> cascade.submit(inputs("0:pos:late")));
		this.first.release();

		assertThat(await(shutdown)).isTrue();
		assertThat(refused.reason()).isEqualTo(Reason.SHUTTING_DOWN);
		assertThat(refused.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(await(blocker).predictions()).hasSize(1);
		assertThat(await(queued).predictions()).extracting(Prediction::tier).containsExactly(0, 1, 1, 0);
		assertThat(cascade.state()).isEqualTo(BatchingCascade.State.TERMINATED);
		assertThat(listener.rejected).containsExactly("0:SHUTTING_DOWN");
		assertThat(rejection(() -> cascade.submit(inputs("0:pos:later"))).reason()).isEqualTo(Reason.SHUTTING_DOWN);
	}

	@Test
	void shutdownRefusesWhatDidNotFinishInTime() throws Exception {
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY.withLengthWindow(1)));
		CompletableFuture<BatchingResult> stuck = blockTier(cascade, this.second, "1:pos:stuck");
		CompletableFuture<BatchingResult> waitingAtSecond = cascade.submit(inputs("1:neg:waiting"));
		awaitCondition("an input waits at the second stage", () -> cascade.queueDepth(1) == 1);

		assertThat(cascade.shutdown(Duration.ofMillis(50))).isFalse();

		for (CompletableFuture<BatchingResult> request : List.of(stuck, waitingAtSecond)) {
			assertThat(failure(request)).isInstanceOfSatisfying(RequestRejectedException.class,
					(refused) -> assertThat(refused.reason()).isEqualTo(Reason.SHUTTING_DOWN));
		}
		assertThat(cascade.state()).isEqualTo(BatchingCascade.State.TERMINATED);
		this.second.release();
		assertThat(cascade.shutdown(Duration.ofSeconds(30))).isTrue();
		assertThat(this.second.texts()).containsExactly("1:pos:stuck");
	}

	@Test
	void closeShutsDownWithoutClosingTheTiers() throws Exception {
		boolean[] finished = { false };
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(tier, 8, 0.9)))
			.shutdownTimeout(Duration.ofSeconds(30))
			.threadFactory((task) -> new Thread(() -> {
				task.run();
				finished[0] = true;
			}, "custom-worker")));
		assertThat(await(cascade.submit(inputs("0:pos:a"))).predictions()).hasSize(1);

		cascade.close();

		assertThat(cascade.state()).isEqualTo(BatchingCascade.State.TERMINATED);
		assertThat(tier.threads()).containsExactly("custom-worker");
		assertThat(finished[0]).as("worker finished").isTrue();
		assertThat(tier.isClosed()).isFalse();
	}

	@Test
	void hugeDurationsMeanNoLimit() throws Exception {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(tier, 2, 0.9)))
			.batching(BatchingSettings.DEFAULT.withMaxDelay(forever))
			.defaultTimeout(forever)
			.clock(() -> Long.MAX_VALUE - 1));

		assertThat(await(cascade.submit(inputs("0:pos:a", "0:neg:b"))).predictions()).hasSize(2);
		assertThat(await(cascade.submit(inputs("0:pos:c", "0:neg:d"), RequestOptions.defaults().withTimeout(forever)))
			.predictions()).hasSize(2);
		assertThat(cascade.shutdown(forever)).isTrue();
		assertThat(tier.batches()).hasSize(2);
	}

}
