package dev.tango.api.serving;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * One active cascade: the version that serves, the one that should, and how its loads
 * went. The served version is swapped atomically; the other fields are written by the
 * loader thread (and {@link #activate} by whoever hears of an activation) and read by any
 * thread.
 */
final class CascadeSlot {

	final String name;

	final AtomicReference<@Nullable ServedCascade> current = new AtomicReference<>();

	/**
	 * The candidate version of a release plan, loaded and warmed up; it serves no request
	 * by itself.
	 */
	final AtomicReference<@Nullable ServedCascade> candidate = new AtomicReference<>();

	/** The candidate version a release plan asks for; 0 for none. */
	volatile int wantedCandidate;

	/**
	 * Why the candidate last failed to load, until it loads or another is wanted; a
	 * release plan cannot measure a candidate that does not load.
	 */
	volatile @Nullable CandidateLoadFailure candidateFailure;

	/** The active version as last heard; 0 until known. */
	volatile int active;

	/** The revision of {@link #active}, to ignore news older than what is known. */
	private long revision = Long.MIN_VALUE;

	/**
	 * The last failure to load a version, until the active version serves (it loaded, or
	 * it was rolled back to the version that serves): the health and the refusals show it
	 * while it describes the cascade.
	 */
	volatile @Nullable LoadFailure failure;

	/**
	 * The active version that an older one stands in for because it failed to load while
	 * nothing served; 0 if none.
	 */
	volatile int fallbackFor;

	/** Written on the loader thread only. */
	int queueGauges;

	CascadeSlot(String name) {
		this.name = name;
	}

	/**
	 * Records the active version unless a later revision is known already.
	 * @param version the active version
	 * @param revision its revision
	 * @return whether the active version changed
	 */
	synchronized boolean activate(int version, long revision) {
		if (revision < this.revision) {
			return false;
		}
		this.revision = revision;
		boolean changed = this.active != version;
		this.active = version;
		return changed;
	}

	/**
	 * Returns whether an older version serves because the active one failed to load.
	 * @return {@code true} in states {@link CascadeState#STALE} and
	 * {@link CascadeState#FALLBACK}
	 */
	boolean servesOlderAfterFailure() {
		CascadeState state = state(false);
		return state == CascadeState.STALE || state == CascadeState.FALLBACK;
	}

	/**
	 * Returns how the cascade is served.
	 * @param stopping whether the service is stopping
	 * @return the status
	 */
	CascadeStatus status(boolean stopping) {
		ServedCascade served = this.current.get();
		return new CascadeStatus(this.name, state(stopping), this.active,
				(served != null) ? served.versionNumber() : null, (served != null) ? served.tierNames() : List.of(),
				this.failure);
	}

	private CascadeState state(boolean stopping) {
		ServedCascade served = this.current.get();
		LoadFailure failure = this.failure;
		int active = this.active;
		boolean activeFailed = failure != null && failure.version() == active;
		if (stopping) {
			return CascadeState.STOPPED;
		}
		if (served == null) {
			return activeFailed ? CascadeState.FAILED : CascadeState.LOADING;
		}
		if (served.versionNumber() == active) {
			return CascadeState.SERVING;
		}
		if (!activeFailed) {
			return CascadeState.SWITCHING;
		}
		return (this.fallbackFor == active) ? CascadeState.FALLBACK : CascadeState.STALE;
	}

}
