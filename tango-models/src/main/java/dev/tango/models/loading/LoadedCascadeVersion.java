package dev.tango.models.loading;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tango.core.cascade.Stage;
import dev.tango.models.registry.CascadeVersion;

/**
 * The tiers of one cascade version, ready to serve. It owns the tiers and closes them in
 * {@link #close()}; no tier may be in use then.
 */
public final class LoadedCascadeVersion implements AutoCloseable {

	private final CascadeVersion version;

	private final List<Stage> stages;

	private final List<Duration> maxBatchDelays;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Creates a loaded cascade version.
	 * @param version the registered version
	 * @param stages one stage per tier, cheapest first; the last stage's threshold is 0
	 * @param maxBatchDelays how long each stage's batches may wait to fill, one per stage
	 */
	public LoadedCascadeVersion(CascadeVersion version, List<Stage> stages, List<Duration> maxBatchDelays) {
		if (stages.size() != maxBatchDelays.size()) {
			throw new IllegalArgumentException(
					"One batch delay per stage: " + stages.size() + " stages, " + maxBatchDelays.size() + " delays");
		}
		this.version = version;
		this.stages = List.copyOf(stages);
		this.maxBatchDelays = List.copyOf(maxBatchDelays);
	}

	/**
	 * Returns the registered version these tiers belong to.
	 * @return the version
	 */
	public CascadeVersion version() {
		return this.version;
	}

	/**
	 * Returns the stages, cheapest first.
	 * @return an immutable list of at least one stage
	 */
	public List<Stage> stages() {
		return this.stages;
	}

	/**
	 * Returns how long each stage's batches may wait to fill.
	 * @return one delay per stage
	 */
	public List<Duration> maxBatchDelays() {
		return this.maxBatchDelays;
	}

	/**
	 * Closes every tier, the last first. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		RuntimeException failure = null;
		for (int k = this.stages.size() - 1; k >= 0; k--) {
			try {
				this.stages.get(k).tier().close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
