package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.TextInput;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts cascades over fake tiers and shuts them down after each test.
 */
abstract class CascadeFixture {

	/** Settings that never wait for a batch to fill. */
	static final BatchingSettings NO_DELAY = BatchingSettings.DEFAULT.withMaxDelay(Duration.ZERO);

	private final List<BatchingCascade> cascades = new ArrayList<>();

	private final List<FakeTier> tiers = new ArrayList<>();

	/** A tier that answers inputs of difficulty 0 confidently. */
	final FakeTier first = tier(FakeTier.skilled("first", 0));

	/** A tier that answers inputs of difficulty up to 1 confidently. */
	final FakeTier second = tier(FakeTier.skilled("second", 1));

	@AfterEach
	void shutDown() {
		this.tiers.forEach(FakeTier::release);
		for (BatchingCascade cascade : this.cascades) {
			assertThat(cascade.shutdown(Duration.ofSeconds(30))).as("workers stopped").isTrue();
		}
	}

	/** Registers a tier so that its gate opens after the test. */
	FakeTier tier(FakeTier tier) {
		this.tiers.add(tier);
		return tier;
	}

	/** Builds and starts a cascade, shut down after the test. */
	BatchingCascade start(BatchingCascadeBuilder builder) {
		BatchingCascade cascade = builder.build();
		this.cascades.add(cascade);
		cascade.start();
		return cascade;
	}

	/**
	 * Returns a builder of the cascade of {@link #first} then {@link #second}, each with
	 * threshold 0.9.
	 */
	BatchingCascadeBuilder firstThenSecond(int firstBatchSize, int secondBatchSize) {
		return BatchingCascade
			.builder(List.of(stage(this.first, firstBatchSize, 0.9), stage(this.second, secondBatchSize, 0.9)));
	}

	/**
	 * Blocks a tier and submits a one-input request that reaches it, then waits until the
	 * tier holds that request, so that what comes next waits in the tier's queue until
	 * the tier is {@link FakeTier#release() released}.
	 * @return the blocking request
	 */
	static CompletableFuture<BatchingResult> blockTier(BatchingCascade cascade, FakeTier tier, String text)
			throws InterruptedException {
		tier.block();
		CompletableFuture<BatchingResult> blocker = cascade.submit(inputs(text));
		tier.awaitCalls(1);
		return blocker;
	}

	static Stage stage(FakeTier tier, int batchSize, double threshold) {
		return new Stage(tier, batchSize, ConfidenceMeasure.MAX_PROBABILITY, 1.0, threshold);
	}

	static List<TextInput> inputs(String... texts) {
		return Arrays.stream(texts).map(TextInput::of).toList();
	}

	static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(30, TimeUnit.SECONDS);
	}

	/** Waits for a future to fail and returns the cause. */
	static Throwable failure(CompletableFuture<?> future) throws Exception {
		try {
			future.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		return fail("expected %s to fail", future);
	}

	/** Waits for a condition that other threads make true. */
	static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("timed out waiting until " + what);
			}
			Thread.sleep(2);
		}
	}

	static RequestRejectedException rejection(ThrowableAssert.ThrowingCallable call) {
		try {
			call.call();
		}
		catch (RequestRejectedException ex) {
			return ex;
		}
		catch (Throwable ex) {
			return fail("expected a rejection, got %s", ex);
		}
		return fail("expected a rejection");
	}

}
