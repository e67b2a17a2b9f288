package dev.tango.api.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectFactory;

import dev.tango.api.ApiProperties;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.models.changes.ActivationEvent;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.loading.CascadeLoadException;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;

/**
 * Keeps one {@link CascadeSlot} per active cascade serving its active version, on one
 * background thread: reads the active versions (again and again while the database cannot
 * be reached, then every {@link ApiProperties#loadRetryInterval()} as a safety net),
 * listens for activations, opens each active version and publishes it with an atomic
 * swap, then retires the version it replaces. A version that fails to load leaves the
 * served one in place and is tried again every {@link ApiProperties#loadRetryInterval()};
 * if nothing serves, the newest older version that loads serves instead
 * ({@link CascadeState#FALLBACK}). Thread-safe.
 */
final class VersionLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(VersionLifecycle.class);

	/** How soon to read the registry again while it has never been read. */
	static final Duration SYNC_RETRY = Duration.ofSeconds(5);

	private final ModelRegistry registry;

	private final ObjectFactory<RegistryChanges> changes;

	private final VersionOpener opener;

	private final ServingMetrics metrics;

	private final CandidateVersions candidates;

	private final ApiProperties properties;

	private final Clock clock;

	private final Map<String, CascadeSlot> slots = new ConcurrentHashMap<>();

	private final LoaderThread worker = new LoaderThread();

	private volatile boolean synced;

	private volatile boolean stopping;

	private volatile @Nullable String syncFailure;

	private RegistryChanges.@Nullable Subscription subscription;

	VersionLifecycle(ModelRegistry registry, ObjectFactory<RegistryChanges> changes, CascadeVersionLoader loader,
			ApiProperties properties, MeterRegistry meters, ServingTracing tracing) {
		this.registry = registry;
		this.changes = changes;
		this.opener = new VersionOpener(loader, properties, meters, tracing);
		this.metrics = new ServingMetrics(meters);
		this.candidates = new CandidateVersions(this.opener, this.metrics, properties);
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/** Starts listening and loading; after a {@link #stop()}, reads everything again. */
	void start() {
		if (this.worker.restart()) {
			this.synced = false;
			this.syncFailure = null;
		}
		this.stopping = false;
		this.subscription = this.changes.getObject().onActivation(this::activated);
		this.worker.schedule(this::sync, Duration.ZERO);
	}

	/**
	 * Stops listening and loading, then drains and closes every served version (up to
	 * {@link ApiProperties#drainTimeout()} each, in parallel).
	 */
	void stop() {
		this.stopping = true;
		RegistryChanges.Subscription listening = this.subscription;
		if (listening != null) {
			listening.close();
		}
		try {
			if (!this.worker.stop(this.properties.drainTimeout())) {
				logger.warn("A cascade was still loading when the service stopped");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.slots.values().parallelStream().forEach((slot) -> {
			ServedCascade candidate = slot.candidate.getAndSet(null);
			if (candidate != null) {
				this.opener.retire(candidate);
			}
			ServedCascade served = slot.current.getAndSet(null);
			if (served != null) {
				this.opener.retire(served);
			}
		});
	}

	/**
	 * Returns a cascade's slot.
	 * @param name the cascade's name
	 * @return the slot, or {@code null} if no cascade of that name is known active
	 */
	@Nullable CascadeSlot slot(String name) {
		return this.slots.get(name);
	}

	Collection<CascadeSlot> slots() {
		return this.slots.values();
	}

	boolean synced() {
		return this.synced;
	}

	boolean stopping() {
		return this.stopping;
	}

	@Nullable String syncFailure() {
		return this.syncFailure;
	}

	private void activated(ActivationEvent event) {
		if (this.stopping) {
			return;
		}
		CascadeSlot slot = this.slots.computeIfAbsent(event.cascade(), this::newSlot);
		if (slot.activate(event.toVersion(), event.revision())) {
			logger.info("Cascade {} version {} was activated by {}", event.cascade(), event.toVersion(),
					event.activatedBy());
			schedule(() -> reconcile(event.cascade()), Duration.ZERO);
		}
	}

	/**
	 * Reads the active versions and serves them; again every
	 * {@link ApiProperties#loadRetryInterval()}, as a safety net for missed notifications
	 * and to retry versions that failed to load.
	 */
	private void sync() {
		if (this.stopping) {
			return;
		}
		List<ActiveCascade> active;
		try {
			active = this.registry.listActive();
		}
		catch (RuntimeException ex) {
			this.metrics.syncFailed();
			if (this.syncFailure == null) {
				logger.warn(
						"Cannot read the active cascades from the registry; serving from memory and trying again: {}",
						ex.toString());
			}
			this.syncFailure = ex.getClass().getSimpleName() + " (the service's log says more)";
			schedule(this::sync, this.synced ? this.properties.loadRetryInterval() : SYNC_RETRY);
			return;
		}
		if (this.syncFailure != null && this.synced) {
			logger.info("The registry can be read again");
		}
		this.syncFailure = null;
		for (ActiveCascade cascade : active) {
			CascadeSlot slot = this.slots.computeIfAbsent(cascade.version().cascade(), this::newSlot);
			slot.activate(cascade.version().version(), cascade.revision());
		}
		if (!this.synced) {
			this.synced = true;
			logger.info("Active cascades: {}",
					active.stream().map((a) -> a.version().cascade() + " v" + a.version().version()).toList());
		}
		try {
			for (CascadeSlot slot : this.slots.values()) {
				try {
					reconcile(slot.name);
					reconcileCandidate(slot.name);
				}
				catch (RuntimeException ex) {
					// One cascade failing so keeps none of the others from being served.
					logger.error("Reconciling cascade {} failed", slot.name, ex);
				}
			}
		}
		finally {
			schedule(this::sync, this.properties.loadRetryInterval());
		}
	}

	/**
	 * Keeps a release plan's candidate version of a cascade loaded and warmed up beside
	 * the active one, or retires it.
	 * @param name the cascade's name
	 * @param version the candidate version, or 0 for none
	 */
	void follow(String name, int version) {
		CascadeSlot slot = this.slots.get(name);
		if (slot == null || this.stopping || slot.wantedCandidate == version) {
			return;
		}
		slot.wantedCandidate = version;
		schedule(() -> reconcileCandidate(name), Duration.ZERO);
	}

	private void reconcileCandidate(String name) {
		CascadeSlot slot = this.slots.get(name);
		if (slot != null && !this.stopping) {
			this.candidates.reconcile(slot, (version) -> version(name, version));
		}
	}

	private CascadeSlot newSlot(String name) {
		CascadeSlot slot = new CascadeSlot(name);
		this.metrics.slotAdded(slot);
		return slot;
	}

	/**
	 * Makes the slot serve its active version, on the loader thread. If that fails while
	 * no version serves, the newest older version that loads serves instead.
	 */
	private void reconcile(String name) {
		CascadeSlot slot = this.slots.get(name);
		if (slot == null || this.stopping) {
			return;
		}
		int wanted = slot.active;
		ServedCascade current = slot.current.get();
		if (current != null && current.versionNumber() == wanted) {
			// Rolled back to the version that serves: a failure of the one it replaced is
			// history (logged and counted), not the cascade's state, and nothing stands
			// in.
			slot.failure = null;
			slot.fallbackFor = 0;
			return;
		}
		long start = System.nanoTime();
		ServedCascade candidate = slot.candidate.get();
		if (candidate != null && candidate.versionNumber() == wanted && slot.candidate.compareAndSet(candidate, null)) {
			// A promoted candidate is loaded and warm already.
			publish(slot, wanted, candidate, start);
			return;
		}
		ServedCascade next;
		try {
			next = this.opener.open(version(name, wanted));
		}
		catch (RuntimeException ex) {
			failed(slot, wanted, current, ex);
			if (current == null) {
				fallBack(slot, wanted);
			}
			return;
		}
		publish(slot, wanted, next, start);
	}

	/**
	 * Serves the newest version older than the active one that loads, when the active one
	 * failed to load and nothing serves.
	 */
	private void fallBack(CascadeSlot slot, int failed) {
		List<Integer> older;
		try {
			older = this.registry.listCascadeVersions(slot.name)
				.stream()
				.map(CascadeVersion::version)
				.filter((version) -> version < failed)
				.sorted(Comparator.reverseOrder())
				.toList();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot list the versions of cascade {} to fall back to: {}", slot.name, ex.toString());
			return;
		}
		for (int version : older) {
			if (this.stopping || slot.active != failed) {
				return;
			}
			long start = System.nanoTime();
			ServedCascade next;
			try {
				next = this.opener.open(version(slot.name, version));
			}
			catch (RuntimeException ex) {
				this.metrics.loadFailed(slot.name);
				logger.warn("Cascade {} version {} failed to load too: {}", slot.name, version, message(ex));
				continue;
			}
			slot.fallbackFor = failed;
			if (publish(slot, failed, next, start)) {
				logger.warn("Cascade {} version {} failed to load; version {}, the newest that loads, serves instead "
						+ "until it does", slot.name, failed, version);
			}
			else {
				slot.fallbackFor = 0;
			}
			return;
		}
		logger.warn("Cascade {} version {} failed to load and none of its {} older versions loads", slot.name, failed,
				older.size());
	}

	private CascadeVersion version(String name, int version) {
		return this.registry.findCascadeVersion(name, version)
			.orElseThrow(() -> new CascadeLoadException("Cascade " + name + " has no version " + version));
	}

	/**
	 * Serves a version opened for the slot's active version {@code wanted} (the version
	 * itself, or one that stands in for it), unless the slot moved on meanwhile.
	 * @return whether it serves
	 */
	private boolean publish(CascadeSlot slot, int wanted, ServedCascade next, long start) {
		if (this.stopping || slot.active != wanted) {
			// Activated again meanwhile, or stopping: the next reconciliation decides.
			this.opener.retire(next);
			return false;
		}
		ServedCascade previous = slot.current.getAndSet(next);
		if (next.versionNumber() == wanted) {
			slot.fallbackFor = 0;
			slot.failure = null;
		}
		this.metrics.queueGauges(slot, next.stages().size());
		this.metrics.loaded(slot.name, System.nanoTime() - start);
		logger.info("Cascade {} version {} serves{}, tiers {}, loaded and warmed up in {} ms", slot.name,
				next.versionNumber(), (previous != null) ? " instead of version " + previous.versionNumber() : "",
				next.tierNames(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		if (previous != null) {
			this.opener.retire(previous);
		}
		return true;
	}

	private void failed(CascadeSlot slot, int version, @Nullable ServedCascade current, RuntimeException ex) {
		// Counted before the status shows the failure, so that both agree when read.
		this.metrics.loadFailed(slot.name);
		slot.failure = LoadFailure.of(slot.name, version, ex, Instant.now(this.clock));
		logger.warn("Cascade {} version {} failed to load ({}), trying again in {} s: {}", slot.name, version,
				(current != null) ? "version " + current.versionNumber() + " goes on serving" : "no version serves",
				this.properties.loadRetryInterval().toSeconds(), message(ex));
		logger.debug("Cascade {} version {} failed to load", slot.name, version, ex);
	}

	private static String message(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
	}

	private void schedule(Runnable task, Duration delay) {
		if (!this.stopping) {
			this.worker.schedule(task, delay);
		}
	}

}
