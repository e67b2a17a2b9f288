package dev.tango.api.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.tango.api.ApiProperties;
import dev.tango.core.batching.BatchingCascade;
import dev.tango.core.batching.BatchingCascadeBuilder;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.BatchingSettings;
import dev.tango.core.batching.RequestOptions;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import dev.tango.models.changes.ActivationEvent;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.loading.CascadeLoadException;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;

/**
 * Serves every active cascade version of the registry.
 *
 * <p>
 * On start it reads the active versions (again and again while the database cannot be
 * reached) and listens for activations. For each active version, on one background
 * thread: load its tiers, warm them up (every tier classifies the warm-up inputs alone
 * and as a batch, then a request runs through the batcher), then publish it with an
 * atomic swap, and drain and close the version it replaces: the requests that the
 * replaced batcher admitted finish on it. A request is served entirely by one version. A
 * version that fails to load leaves the served one in place; the failure is logged,
 * counted ({@code tango.model.load.failures}) and shown in {@link #statuses()}, and the
 * load is tried again every {@link ApiProperties#loadRetryInterval()} while that version
 * stays active.
 *
 * <p>
 * Requests are served from memory: nothing here reads the database on a request's path.
 *
 * <p>
 * It stops after the web server has finished its in-flight requests: then every batcher
 * drains (up to {@link ApiProperties#drainTimeout()}) and every tier closes.
 *
 * <p>
 * Thread-safe.
 */
@Component
public class CascadeServer implements SmartLifecycle {

	/**
	 * Starts before the web server, stops after it has drained its requests and stopped:
	 * below the phases of its graceful shutdown ({@code DEFAULT_PHASE - 1024}) and of its
	 * start and stop ({@code DEFAULT_PHASE - 2048}).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Logger logger = LoggerFactory.getLogger(CascadeServer.class);

	private static final Duration SYNC_RETRY = Duration.ofSeconds(5);

	private static final int SUBMIT_ATTEMPTS = 4;

	private final ModelRegistry registry;

	private final ObjectFactory<RegistryChanges> changes;

	private final CascadeVersionLoader loader;

	private final ApiProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<String, Slot> slots = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService worker;

	private final Counter syncFailures;

	private volatile boolean synced;

	private volatile boolean running;

	private volatile boolean stopping;

	private volatile @Nullable String syncFailure;

	private RegistryChanges.@Nullable Subscription subscription;

	/**
	 * Creates the server.
	 * @param registry reads the active versions
	 * @param changes announces activations; looked up when the server starts rather than
	 * injected, so that stopping the watcher (an earlier phase) does not stop this server
	 * before the web server has finished its requests
	 * @param loader loads versions into tiers
	 * @param properties the settings
	 * @param meters the meter registry
	 */
	public CascadeServer(ModelRegistry registry, ObjectFactory<RegistryChanges> changes, CascadeVersionLoader loader,
			ApiProperties properties, MeterRegistry meters) {
		this.registry = registry;
		this.changes = changes;
		this.loader = loader;
		this.properties = properties;
		this.meters = meters;
		this.clock = Clock.systemUTC();
		this.worker = newWorker();
		this.syncFailures = Counter.builder("tango.registry.read.failures")
			.description("Failed reads of the active cascade versions at start-up")
			.register(meters);
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private static ScheduledExecutorService newWorker() {
		return Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tango-cascade-loader").daemon(true).factory());
	}

	/**
	 * Keeps serving while the application context is paused: the loaded versions stay in
	 * memory.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (this.worker.isShutdown()) {
			// Started again after a stop: read and load everything again.
			this.worker = newWorker();
			this.synced = false;
			this.syncFailure = null;
		}
		this.stopping = false;
		this.subscription = this.changes.getObject().onActivation(this::activated);
		this.running = true;
		this.worker.execute(this::sync);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.stopping = true;
		RegistryChanges.Subscription listening = this.subscription;
		if (listening != null) {
			listening.close();
		}
		this.worker.shutdownNow();
		try {
			if (!this.worker.awaitTermination(this.properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("A cascade was still loading when the service stopped");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.slots.values().parallelStream().forEach((slot) -> {
			ServedCascade served = slot.current.getAndSet(null);
			if (served != null) {
				retire(served);
			}
		});
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns whether every active cascade serves its active version or an older one: the
	 * active versions have been read, each has a version that serves, and the service is
	 * not stopping.
	 * @return {@code true} if ready
	 */
	public boolean ready() {
		return this.synced && !this.stopping
				&& this.slots.values().stream().allMatch((slot) -> slot.current.get() != null);
	}

	/**
	 * Returns why the active versions could not be read, while they have not been.
	 * @return the last failure, or empty
	 */
	public Optional<String> syncFailure() {
		return this.synced ? Optional.empty() : Optional.ofNullable(this.syncFailure);
	}

	/**
	 * Returns whether the active versions have been read from the registry.
	 * @return {@code true} once read
	 */
	public boolean synced() {
		return this.synced;
	}

	/**
	 * Returns how each active cascade is served, by name.
	 * @return the statuses, sorted by name
	 */
	public List<CascadeStatus> statuses() {
		return this.slots.values()
			.stream()
			.map(this::status)
			.sorted(Comparator.comparing(CascadeStatus::name))
			.toList();
	}

	/**
	 * Returns how one cascade is served.
	 * @param name the cascade's name
	 * @return the status, or empty if no cascade of that name is active
	 */
	public Optional<CascadeStatus> status(String name) {
		Slot slot = this.slots.get(name);
		return (slot != null) ? Optional.of(status(slot)) : Optional.empty();
	}

	private CascadeStatus status(Slot slot) {
		ServedCascade served = slot.current.get();
		LoadFailure failure = slot.failure;
		int active = slot.active;
		CascadeState state;
		if (this.stopping) {
			state = CascadeState.STOPPED;
		}
		else if (served == null) {
			state = (failure != null && failure.version() == active) ? CascadeState.FAILED : CascadeState.LOADING;
		}
		else if (served.versionNumber() == active) {
			state = CascadeState.SERVING;
		}
		else {
			state = (failure != null && failure.version() == active) ? CascadeState.STALE : CascadeState.SWITCHING;
		}
		return new CascadeStatus(slot.name, state, active, (served != null) ? served.versionNumber() : null,
				(served != null) ? served.tierNames() : List.of(), failure);
	}

	/**
	 * Returns the version of a cascade that serves now.
	 * @param name the cascade's name
	 * @param version the version the caller asks for, or {@code null} for the one that
	 * serves
	 * @return the served version
	 * @throws CascadeNotFoundException if no cascade of that name is active
	 * @throws CascadeNotReadyException if the cascade has no version that serves yet
	 * @throws VersionNotServedException if another version serves
	 */
	public ServedCascade require(String name, @Nullable String version) {
		Slot slot = this.slots.get(name);
		if (slot == null) {
			if (!this.synced) {
				throw new CascadeNotReadyException("The service has not read the active cascades from its registry yet",
						SYNC_RETRY);
			}
			throw new CascadeNotFoundException(name);
		}
		ServedCascade served = slot.current.get();
		if (served == null) {
			if (this.stopping) {
				throw new CascadeNotReadyException("The service is stopping", Duration.ofSeconds(1));
			}
			LoadFailure failure = slot.failure;
			if (failure != null) {
				throw new CascadeNotReadyException(
						"Cascade '" + name + "' version " + failure.version()
								+ " failed to load and no other version serves: " + failure.message(),
						this.properties.loadRetryInterval());
			}
			throw new CascadeNotReadyException(
					"Cascade '" + name + "' version " + slot.active + " is loading and warming up", SYNC_RETRY);
		}
		if (version != null && !version.equals(Integer.toString(served.versionNumber()))) {
			throw new VersionNotServedException(name, version, served.versionNumber());
		}
		return served;
	}

	/**
	 * Submits a request to the version of a cascade that serves now. If that version is
	 * being replaced and refuses it, the request goes to its successor.
	 * @param name the cascade's name
	 * @param version the version the caller asks for, or {@code null}
	 * @param inputs the inputs, as many as the first queue holds at most
	 * @param options the request's options
	 * @return the version that took the request, and its future result
	 * @throws RequestRejectedException if the request is not admitted
	 * @throws CascadeNotFoundException if no cascade of that name is active
	 * @throws CascadeNotReadyException if the cascade has no version that serves yet
	 * @throws VersionNotServedException if another version serves
	 */
	public Submission submit(String name, @Nullable String version, List<TextInput> inputs, RequestOptions options) {
		for (int attempt = 1;; attempt++) {
			ServedCascade served = require(name, version);
			try {
				return new Submission(served, served.batcher().submit(inputs, options));
			}
			catch (RequestRejectedException ex) {
				Slot slot = this.slots.get(name);
				boolean replaced = slot != null && slot.current.get() != served;
				if (ex.reason() != RequestRejectedException.Reason.SHUTTING_DOWN || !replaced || this.stopping
						|| attempt >= SUBMIT_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private void activated(ActivationEvent event) {
		if (this.stopping) {
			return;
		}
		Slot slot = this.slots.computeIfAbsent(event.cascade(), this::newSlot);
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
			this.syncFailures.increment();
			if (this.syncFailure == null) {
				logger.warn(
						"Cannot read the active cascades from the registry; serving from memory and trying again: {}",
						ex.toString());
			}
			this.syncFailure = ex.toString();
			schedule(this::sync, this.synced ? this.properties.loadRetryInterval() : SYNC_RETRY);
			return;
		}
		if (this.syncFailure != null && this.synced) {
			logger.info("The registry can be read again");
		}
		this.syncFailure = null;
		for (ActiveCascade cascade : active) {
			Slot slot = this.slots.computeIfAbsent(cascade.version().cascade(), this::newSlot);
			slot.activate(cascade.version().version(), cascade.revision());
		}
		if (!this.synced) {
			this.synced = true;
			logger.info("Active cascades: {}",
					active.stream().map((a) -> a.version().cascade() + " v" + a.version().version()).toList());
		}
		for (Slot slot : this.slots.values()) {
			reconcile(slot.name);
		}
		schedule(this::sync, this.properties.loadRetryInterval());
	}

	private Slot newSlot(String name) {
		Slot slot = new Slot(name);
		Gauge.builder("tango.cascade.version", slot, (s) -> {
			ServedCascade served = s.current.get();
			return (served != null) ? served.versionNumber() : 0;
		}).description("The cascade version that serves, 0 if none").tag("cascade", name).register(this.meters);
		return slot;
	}

	/**
	 * Makes the slot serve its active version, on the loader thread.
	 */
	private void reconcile(String name) {
		Slot slot = this.slots.get(name);
		if (slot == null || this.stopping) {
			return;
		}
		int wanted = slot.active;
		ServedCascade current = slot.current.get();
		if (current != null && current.versionNumber() == wanted) {
			return;
		}
		long start = System.nanoTime();
		ServedCascade next;
		try {
			CascadeVersion version = this.registry.findCascadeVersion(name, wanted)
				.orElseThrow(() -> new CascadeLoadException("Cascade " + name + " has no version " + wanted));
			next = open(version);
		}
		catch (RuntimeException ex) {
			failed(slot, wanted, current, ex);
			return;
		}
		if (this.stopping || slot.active != wanted) {
			// Activated again meanwhile, or stopping: the next reconciliation decides.
			retire(next);
			return;
		}
		ServedCascade previous = slot.current.getAndSet(next);
		LoadFailure failure = slot.failure;
		if (failure != null && failure.version() == wanted) {
			slot.failure = null;
		}
		registerQueueGauges(slot, next.stages().size());
		Timer.builder("tango.model.loads")
			.description("Time to load and warm up a cascade version")
			.tag("cascade", name)
			.register(this.meters)
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		logger.info("Cascade {} version {} serves{}, tiers {}, loaded and warmed up in {} ms", name, wanted,
				(previous != null) ? " instead of version " + previous.versionNumber() : "", next.tierNames(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		if (previous != null) {
			retire(previous);
		}
	}

	private void failed(Slot slot, int version, @Nullable ServedCascade current, RuntimeException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		slot.failure = new LoadFailure(version, message, Instant.now(this.clock));
		Counter.builder("tango.model.load.failures")
			.description("Cascade versions that failed to load or warm up")
			.tag("cascade", slot.name)
			.register(this.meters)
			.increment();
		logger.warn("Cascade {} version {} failed to load ({}), trying again in {} s: {}", slot.name, version,
				(current != null) ? "version " + current.versionNumber() + " goes on serving" : "no version serves",
				this.properties.loadRetryInterval().toSeconds(), message);
		logger.debug("Cascade {} version {} failed to load", slot.name, version, ex);
	}

	private void schedule(Runnable task, Duration delay) {
		if (this.stopping) {
			return;
		}
		try {
			this.worker.schedule(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.error("Cascade loading task failed", ex);
				}
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping.
		}
	}

	/**
	 * Loads a version, warms up its tiers, and starts its batcher.
	 */
	private ServedCascade open(CascadeVersion version) {
		LoadedCascadeVersion loaded = this.loader.load(version);
		BatchingCascade batcher = null;
		try {
			List<Stage> stages = loaded.stages();
			List<String> labels = new Cascade(stages).labels();
			List<TextInput> warmup = this.properties.warmup().inputs().stream().map(TextInput::of).toList();
			for (Stage stage : stages) {
				stage.tier().classify(warmup.subList(0, 1));
				stage.tier().classify(warmup);
			}
			batcher = batcher(version, loaded);
			batcher.start();
			awaitWarmup(batcher.submit(warmup), version);
			return new ServedCascade(version.cascade(), version, labels, stages, batcher, loaded);
		}
		catch (RuntimeException ex) {
			if (batcher != null) {
				batcher.shutdown(Duration.ZERO);
			}
			closeQuietly(loaded, ex);
			throw ex;
		}
	}

	private BatchingCascade batcher(CascadeVersion version, LoadedCascadeVersion loaded) {
		ApiProperties.Batching batching = this.properties.batching();
		List<Stage> stages = loaded.stages();
		BatchingCascadeBuilder builder = BatchingCascade.builder(stages)
			.defaultTimeout(this.properties.requestTimeout())
			.shutdownTimeout(this.properties.drainTimeout())
			.listener(new BatchingMetrics(this.meters, version.cascade(),
					stages.stream().map((stage) -> stage.tier().name()).toList()))
			.threadFactory(Thread.ofPlatform()
				.name("tango-" + version.cascade() + "-v" + version.version() + "-", 0)
				.daemon(true)
				.factory());
		int workers = batching.workersFor(loaded.threadsPerCall(), Runtime.getRuntime().availableProcessors());
		for (int i = 0; i < stages.size(); i++) {
			builder.batching(i, new BatchingSettings(loaded.maxBatchDelays().get(i), batching.queueCapacity(), workers,
					batching.lengthWindow()));
		}
		return builder.build();
	}

	private void awaitWarmup(CompletableFuture<BatchingResult> future, CascadeVersion version) {
		try {
			future.get(Math.max(60_000, 3 * this.properties.requestTimeout().toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new CascadeLoadException("Warm-up of cascade " + version.cascade() + " version " + version.version()
					+ " failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new CascadeLoadException(
					"Warm-up of cascade " + version.cascade() + " version " + version.version() + " timed out");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CascadeLoadException("Interrupted while warming up cascade " + version.cascade());
		}
	}

	/**
	 * Stops admitting to a replaced version, lets what it admitted finish, and closes its
	 * tiers once its workers have stopped.
	 */
	private void retire(ServedCascade served) {
		long start = System.nanoTime();
		boolean stopped = served.batcher().shutdown(this.properties.drainTimeout());
		if (!stopped) {
			logger.warn("Cascade {} version {}: a tier call outlived the drain timeout; its tiers stay open",
					served.name(), served.versionNumber());
			return;
		}
		closeQuietly(served.loaded(), null);
		logger.info("Cascade {} version {} drained and closed in {} ms", served.name(), served.versionNumber(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	private static void closeQuietly(LoadedCascadeVersion loaded, @Nullable Throwable primary) {
		try {
			loaded.close();
		}
		catch (RuntimeException ex) {
			if (primary != null) {
				primary.addSuppressed(ex);
			}
			else {
				logger.warn("Closing the tiers of cascade {} version {} failed", loaded.version().cascade(),
						loaded.version().version(), ex);
			}
		}
	}

	private void registerQueueGauges(Slot slot, int stages) {
		for (int i = slot.queueGauges; i < stages; i++) {
			int stage = i;
			Gauge.builder("tango.queue.depth", slot, (s) -> {
				ServedCascade served = s.current.get();
				return (served != null && stage < served.stages().size()) ? served.batcher().queueDepth(stage) : 0;
			})
				.description("Inputs waiting in a tier's queue")
				.tag("cascade", slot.name)
				.tag("tier", Integer.toString(stage))
				.register(this.meters);
			Gauge.builder("tango.admission.cost", slot, (s) -> {
				ServedCascade served = s.current.get();
				return (served != null && stage < served.stages().size())
						? served.batcher().costPerInput(stage).toNanos() / 1e9 : 0;
			})
				.description("A tier's measured cost per input, which admission estimates with")
				.baseUnit("seconds")
				.tag("cascade", slot.name)
				.tag("tier", Integer.toString(stage))
				.register(this.meters);
		}
		if (slot.queueGauges == 0) {
			Gauge.builder("tango.admission.backlog", slot, (s) -> {
				ServedCascade served = s.current.get();
				return (served != null) ? served.batcher().estimatedBacklog().toNanos() / 1e9 : 0;
			})
				.description("Estimated time to finish the work admitted, which a request must fit before its deadline")
				.baseUnit("seconds")
				.tag("cascade", slot.name)
				.register(this.meters);
		}
		slot.queueGauges = Math.max(slot.queueGauges, stages);
	}

	/**
	 * A request taken by a served version.
	 *
	 * @param served the version that serves it
	 * @param result its future result; cancelling it drops the inputs not yet run
	 */
	public record Submission(ServedCascade served, CompletableFuture<BatchingResult> result) {

	}

	/** One cascade: the version that serves, and the one that should. */
	private static final class Slot {

		final String name;

		final AtomicReference<@Nullable ServedCascade> current = new AtomicReference<>();

		/** The active version as last heard; 0 until known. */
		volatile int active;

		/** The revision of {@link #active}, to ignore news older than what is known. */
		private long revision = Long.MIN_VALUE;

		volatile @Nullable LoadFailure failure;

		/** Written on the loader thread only. */
		int queueGauges;

		Slot(String name) {
			this.name = name;
		}

		/**
		 * Records the active version unless a later revision is known already.
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

	}

}
