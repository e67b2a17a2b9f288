package dev.tango.models.loading;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tango.core.cascade.Stage;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.runtime.onnx.NativeHeap;

/**
 * The tiers of one cascade version, ready to serve: one {@link Stage} per tier of the
 * version (tier, batch size, confidence measure, temperature and threshold; as the
 * {@link CascadeVersionLoader} builds them, the last stage has threshold 0, measure
 * max-probability and temperature 1) and one maximum batch delay per stage. It owns the
 * tiers and closes them in {@link #close()}; no tier may be in use then. Thread-safe.
 */
public final class LoadedCascadeVersion implements AutoCloseable {

	private final CascadeVersion version;

	private final List<Stage> stages;

	private final List<Duration> maxBatchDelays;

	private final List<Integer> threadsPerCall;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Takes ownership of opened tiers.
	 * @param version the registered version they belong to
	 * @param stages one stage per tier, cheapest first; the last stage's threshold is 0
	 * @param maxBatchDelays how long each stage's batches may wait to fill, one per
	 * stage, zero or more
	 * @param threadsPerCall how many threads one call of each stage's tier keeps busy
	 * (its ONNX Runtime intra-op threads; 1 for a tier that runs on the calling thread
	 * alone), one per stage, at least 1
	 * @throws IllegalArgumentException if the counts differ, a delay is negative or a
	 * thread count is below 1
	 */
	public LoadedCascadeVersion(CascadeVersion version, List<Stage> stages, List<Duration> maxBatchDelays,
			List<Integer> threadsPerCall) {
		this.version = Objects.requireNonNull(version, "version");
		this.stages = List.copyOf(stages);
		this.maxBatchDelays = List.copyOf(maxBatchDelays);
		this.threadsPerCall = List.copyOf(threadsPerCall);
		if (this.stages.size() != this.maxBatchDelays.size() || this.stages.size() != this.threadsPerCall.size()) {
			throw new IllegalArgumentException(
					"One batch delay and one thread count per stage: " + this.stages.size() + " stages, "
							+ this.maxBatchDelays.size() + " delays, " + this.threadsPerCall.size() + " thread counts");
		}
		if (this.threadsPerCall.stream().anyMatch((threads) -> threads < 1)) {
			throw new IllegalArgumentException("Thread counts must be at least 1: " + this.threadsPerCall);
		}
		if (this.maxBatchDelays.stream().anyMatch(Duration::isNegative)) {
			throw new IllegalArgumentException("Batch delays must not be negative: " + this.maxBatchDelays);
		}
	}

	/**
	 * Returns the cascade version these tiers were built from.
	 * @return the version
	 */
	public CascadeVersion version() {
		return this.version;
	}

	/**
	 * Returns the stages, cheapest first, ready for
	 * {@link dev.tango.core.cascade.Cascade} or
	 * {@link dev.tango.core.batching.BatchingCascade}.
	 * @return an immutable list, one stage per tier
	 */
	public List<Stage> stages() {
		return this.stages;
	}

	/**
	 * Returns how long each stage's batches may wait to fill up.
	 * @return an immutable list, one delay per stage
	 */
	public List<Duration> maxBatchDelays() {
		return this.maxBatchDelays;
	}

	/**
	 * Returns how many threads one call of each stage's tier keeps busy.
	 * @return an immutable list, one count per stage, each at least 1
	 */
	public List<Integer> threadsPerCall() {
		return this.threadsPerCall;
	}

	/**
	 * Returns whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Closes every tier, the last first, going on when one fails and rethrowing the first
	 * failure afterwards, then gives the native memory they freed back to the operating
	 * system ({@link NativeHeap#trim()}), which the C allocator would otherwise keep.
	 * Idempotent: later calls do nothing.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				Tiers.closeAll(this.stages.stream().map(Stage::tier).toList(), null);
			}
			finally {
				NativeHeap.trim();
			}
		}
	}

	@Override
	public String toString() {
		return "LoadedCascadeVersion[" + this.version.cascade() + ":" + this.version.version() + ", "
				+ this.stages.stream().map((stage) -> stage.tier().name()).toList() + "]";
	}

}
