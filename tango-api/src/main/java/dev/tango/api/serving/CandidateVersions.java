package dev.tango.api.serving;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.api.ApiProperties;
import dev.tango.models.registry.CascadeVersion;

/**
 * Keeps the candidate version of a release plan loaded beside the active version: opened
 * and warmed up as an active version is, by the same {@link VersionOpener}, and retired
 * when the plan ends. A candidate that a promotion made active is left for the
 * {@link VersionLifecycle} to publish without loading it again. Called on the loader
 * thread only.
 */
final class CandidateVersions {

	private static final Logger logger = LoggerFactory.getLogger(CandidateVersions.class);

	private final VersionOpener opener;

	private final ServingMetrics metrics;

	private final ApiProperties properties;

	CandidateVersions(VersionOpener opener, ServingMetrics metrics, ApiProperties properties) {
		this.opener = opener;
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * Makes the slot's candidate the version its plan asks for: opens it, or retires the
	 * one loaded. A candidate that fails to load is tried again at the next call; until
	 * it loads, the slot says why ({@link CascadeSlot#candidateFailure}).
	 * @param slot the cascade's slot
	 * @param versions looks a version of the cascade up in the registry
	 */
	void reconcile(CascadeSlot slot, IntFunction<CascadeVersion> versions) {
		int wanted = slot.wantedCandidate;
		ServedCascade current = slot.candidate.get();
		if (current != null && (current.versionNumber() == wanted || current.versionNumber() == slot.active)) {
			// Wanted, or promoted: the lifecycle publishes it as the active version.
			return;
		}
		CandidateLoadFailure failed = slot.candidateFailure;
		if (failed != null && failed.last().version() != wanted) {
			slot.candidateFailure = null;
		}
		ServedCascade next = null;
		if (wanted != 0 && wanted != slot.active) {
			next = open(slot, wanted, versions);
			if (next == null) {
				return;
			}
		}
		ServedCascade previous = slot.candidate.getAndSet(next);
		if (previous != null) {
			this.opener.retire(previous);
		}
	}

	private @Nullable ServedCascade open(CascadeSlot slot, int version, IntFunction<CascadeVersion> versions) {
		String name = slot.name;
		long start = System.nanoTime();
		try {
			ServedCascade opened = this.opener.open(versions.apply(version));
			logger.info("Cascade {} candidate version {} loaded and warmed up in {} ms", name, version,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			slot.candidateFailure = null;
			return opened;
		}
		catch (RuntimeException ex) {
			LoadFailure failure = LoadFailure.of(name, version, ex, Instant.now());
			slot.candidateFailure = CandidateLoadFailure.after(slot.candidateFailure, failure);
			this.metrics.loadFailed(name);
			logger.warn("Candidate version {} of cascade {} failed to load, trying again in {} s: {}", version, name,
					this.properties.loadRetryInterval().toSeconds(), ex.toString());
			return null;
		}
	}

}
