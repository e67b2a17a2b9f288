package dev.tango.core.batching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a listener follows requests into the tier calls that hold their inputs: a context
 * captured on the submitting thread comes back with every call holding the request's
 * inputs, and each call is observed from its start to its end on the worker's thread.
 */
class BatchingCascadeTracingTest extends CascadeFixture {

	@Test
	void eachTierCallCarriesTheContextsOfTheRequestsWithInputsInIt() throws Exception {
		TracingListener listener = new TracingListener();
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY).listener(listener));
		CompletableFuture<BatchingResult> blocker = listener.submitIn("blocker",
				() -> blockTier(cascade, this.first, "0:pos:blocker"));
		CompletableFuture<BatchingResult> a = listener.submitIn("A",
				() -> cascade.submit(inputs("0:pos:a1", "1:neg:a2")));
		CompletableFuture<BatchingResult> b = listener.submitIn("B", () -> cascade.submit(inputs("0:neg:b1")));
		CompletableFuture<BatchingResult> untraced = cascade.submit(inputs("0:pos:c1"));
		this.first.release();
		for (CompletableFuture<BatchingResult> request : List.of(blocker, a, b, untraced)) {
			await(request);
		}

		Map<String, String> contextByRequest = Map.of("blocker", "blocker", "a", "A", "b", "B");
		List<Call> first = listener.calls(0);
		List<List<TextInput>> firstBatches = this.first.batches();
		assertThat(first).hasSameSizeAs(firstBatches);
		for (int i = 0; i < first.size(); i++) {
			assertThat(first.get(i).call().size()).isEqualTo(firstBatches.get(i).size());
			assertThat(first.get(i).call().requestContexts()).as("call %d", i)
				.containsExactlyElementsOf(expectedContexts(firstBatches.get(i), contextByRequest));
		}
		assertThat(first).flatExtracting((call) -> call.call().requestContexts())
			.containsExactlyInAnyOrder("blocker", "A", "B");
		assertThat(listener.calls(1)).singleElement().satisfies((call) -> {
			assertThat(call.call().tier()).isEqualTo("second");
			assertThat(call.call().requestContexts()).containsExactly("A");
		});
		assertThat(listener.calls).allSatisfy((call) -> {
			assertThat(call.endedOn()).as("ended on the thread that started it").isEqualTo(call.startedOn());
			assertThat(call.execution().stage()).isEqualTo(call.call().stage());
			assertThat(call.execution().size()).isEqualTo(call.call().size());
			assertThat(call.execution().computeNanos()).isPositive();
			assertThat(call.failure()).isNull();
		});
		assertThat(listener.calls(0)).extracting(Call::startedOn).isSubsetOf(this.first.threads());
		assertThat(listener.calls(1)).extracting(Call::startedOn).isSubsetOf(this.second.threads());
	}

	@Test
	void aFailedTierCallEndsWithItsFailure() throws Exception {
		TracingListener listener = new TracingListener();
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		tier.failOn("boom", new IllegalStateException("broken"));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).batching(NO_DELAY).listener(listener));

		Throwable failure = failure(listener.submitIn("A", () -> cascade.submit(inputs("0:pos:boom"))));

		assertThat(listener.calls).singleElement().satisfies((call) -> {
			assertThat(call.call().requestContexts()).containsExactly("A");
			assertThat(call.failure()).isSameAs(failure).hasMessageContaining("broken");
			assertThat(call.endedOn()).isEqualTo(call.startedOn());
			assertThat(call.execution().size()).isEqualTo(1);
		});
	}

	@Test
	void aListenerThatThrowsNeitherLosesRequestsNorStopsWorkers() throws Exception {
		BatchingListener failing = new BatchingListener() {

			@Override
			public @Nullable Object captureContext() {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public TierCallObserver tierCallStarting(TierCall call) {
				if (call.size() > 1) {
					throw new IllegalStateException("listener bug");
				}
				return (execution, failure) -> {
					throw new IllegalStateException("listener bug");
				};
			}

		};
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY).listener(failing));

		assertThat(await(cascade.submit(inputs("0:pos:a"))).predictions()).hasSize(1);
		assertThat(await(cascade.submit(inputs("0:neg:b", "1:pos:c"))).predictions()).hasSize(2);
	}

	private static List<String> expectedContexts(List<TextInput> batch, Map<String, String> contextByRequest) {
		Set<String> contexts = new LinkedHashSet<>();
		for (TextInput input : batch) {
			String request = input.text().substring("0:pos:".length()).replaceAll("\\d", "");
			String context = contextByRequest.get(request);
			if (context != null) {
				contexts.add(context);
			}
		}
		return new ArrayList<>(contexts);
	}

	/**
	 * A tier call as the listener saw it.
	 */
	record Call(TierCall call, String startedOn, BatchExecution execution, @Nullable TierException failure,
			String endedOn) {

	}

	/**
	 * Captures the context that a test sets on the submitting thread, and records every
	 * tier call with the threads it started and ended on.
	 */
	static final class TracingListener implements BatchingListener {

		private final ThreadLocal<String> current = new ThreadLocal<>();

		final List<Call> calls = new CopyOnWriteArrayList<>();

		<T> T submitIn(String context, Submission<T> submission) throws Exception {
			this.current.set(context);
			try {
				return submission.submit();
			}
			finally {
				this.current.remove();
			}
		}

		List<Call> calls(int stage) {
			return this.calls.stream().filter((call) -> call.call().stage() == stage).toList();
		}

		@Override
		public @Nullable Object captureContext() {
			return this.current.get();
		}

		@Override
		public TierCallObserver tierCallStarting(TierCall call) {
			String startedOn = Thread.currentThread().getName();
			return (execution, failure) -> this.calls
				.add(new Call(call, startedOn, execution, failure, Thread.currentThread().getName()));
		}

	}

	/**
	 * Submits a request.
	 */
	@FunctionalInterface
	interface Submission<T> {

		T submit() throws Exception;

	}

}
