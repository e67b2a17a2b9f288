package dev.tango.models.loading;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.runtime.onnx.NativeHeap;

/**
 * The tiers of one cascade version, ready to serve: one {@link LoadedTier} per tier of
 * the version, carrying its routing settings (as the {@link CascadeVersionLoader} builds
 * them, the last tier has threshold 0, measure max-probability and temperature 1), its
 * maximum batch delay and the threads one call keeps busy. It owns the tiers and closes
 * them in {@link #close()}; no tier may be in use then. Thread-safe.
 */
public final class LoadedCascadeVersion implements AutoCloseable {

	private final CascadeVersion version;

	private final LoadedCascade cascade;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Takes ownership of opened tiers.
	 * @param version the registered version they belong to
	 * @param cascade its tiers, opened, one per tier of the version
	 * @throws IllegalArgumentException if the tier counts differ
	 */
	public LoadedCascadeVersion(CascadeVersion version, LoadedCascade cascade) {
		this.version = Objects.requireNonNull(version, "version");
		this.cascade = Objects.requireNonNull(cascade, "cascade");
		if (version.tiers().size() != cascade.tiers().size()) {
			throw new IllegalArgumentException("Version " + version.cascade() + ":" + version.version() + " has "
					+ version.tiers().size() + " tiers, the loaded cascade " + cascade.tiers().size());
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
	 * Returns the tiers, cheapest first, each with its settings.
	 * @return an immutable list, one per tier of the version
	 */
	public List<LoadedTier> tiers() {
		return this.cascade.tiers();
	}

	/**
	 * Returns the tiers as core stages, cheapest first, ready for
	 * {@link dev.tango.core.cascade.Cascade} or
	 * {@link dev.tango.core.batching.BatchingCascade}.
	 * @return an immutable list, one stage per tier
	 */
	public List<Stage> stages() {
		return this.cascade.stages();
	}

	/**
	 * Returns the labels every tier answers with, in logit order, with their display
	 * names (see {@link LoadedCascade#labels()}).
	 * @return an immutable list of labels
	 */
	public List<Label> labels() {
		return this.cascade.labels();
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
				this.cascade.close();
			}
			finally {
				NativeHeap.trim();
			}
		}
	}

	@Override
	public String toString() {
		return "LoadedCascadeVersion[" + this.version.cascade() + ":" + this.version.version() + ", "
				+ this.cascade.tiers().stream().map((tier) -> tier.tier().name()).toList() + "]";
	}

}
