package dev.tango.api.serving;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.tango.api.ApiProperties;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.RequestOptions;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.tier.TextInput;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.loading.CascadeVersionLoader;
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
 * stays active. If no version of the cascade serves yet, the newest older version that
 * loads serves meanwhile ({@link CascadeState#FALLBACK}, gauge
 * {@code tango.cascade.fallback}). A cascade that fails never keeps the others from
 * serving.
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

	private static final int SUBMIT_ATTEMPTS = 4;

	private final VersionLifecycle lifecycle;

	private final ApiProperties properties;

	private volatile boolean running;

	/**
	 * Creates the server.
	 * @param registry reads the active versions
	 * @param changes announces activations; looked up when the server starts rather than
	 * injected, so that stopping the watcher (an earlier phase) does not stop this server
	 * before the web server has finished its requests
	 * @param loader loads versions into tiers
	 * @param properties the settings
	 * @param meters the meter registry
	 * @param tracing traces the tier calls of the served versions
	 */
	public CascadeServer(ModelRegistry registry, ObjectFactory<RegistryChanges> changes, CascadeVersionLoader loader,
			ApiProperties properties, MeterRegistry meters, ServingTracing tracing) {
		this.lifecycle = new VersionLifecycle(registry, changes, loader, properties, meters, tracing);
		this.properties = properties;
	}

	@Override
	public int getPhase() {
		return PHASE;
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
		this.lifecycle.start();
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.lifecycle.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns whether the service is ready: the active versions have been read, the
	 * service is not stopping, no cascade is still loading its first version, and some
	 * version serves (unless no cascade is active). A cascade that failed to load while
	 * others serve does not make the service unready: it answers 503 on its own.
	 * @return {@code true} if ready
	 */
	public boolean ready() {
		if (!this.lifecycle.synced() || this.lifecycle.stopping()) {
			return false;
		}
		List<CascadeStatus> statuses = statuses();
		return statuses.stream().noneMatch((status) -> status.state() == CascadeState.LOADING)
				&& (statuses.isEmpty() || statuses.stream().anyMatch(CascadeStatus::serving));
	}

	/**
	 * Returns why the active versions could not be read, while they have not been.
	 * @return the last failure, or empty
	 */
	public Optional<String> syncFailure() {
		return this.lifecycle.synced() ? Optional.empty() : Optional.ofNullable(this.lifecycle.syncFailure());
	}

	/**
	 * Returns whether the active versions have been read from the registry.
	 * @return {@code true} once read
	 */
	public boolean synced() {
		return this.lifecycle.synced();
	}

	/**
	 * Returns how each active cascade is served, by name.
	 * @return the statuses, sorted by name
	 */
	public List<CascadeStatus> statuses() {
		boolean stopping = this.lifecycle.stopping();
		return this.lifecycle.slots()
			.stream()
			.map((slot) -> slot.status(stopping))
			.sorted(Comparator.comparing(CascadeStatus::name))
			.toList();
	}

	/**
	 * Returns how one cascade is served.
	 * @param name the cascade's name
	 * @return the status, or empty if no cascade of that name is active
	 */
	public Optional<CascadeStatus> status(String name) {
		CascadeSlot slot = this.lifecycle.slot(name);
		return (slot != null) ? Optional.of(slot.status(this.lifecycle.stopping())) : Optional.empty();
	}

	/**
	 * Returns the version of a cascade that serves now.
	 * @param name the cascade's name
	 * @param version the version the caller asks for, or {@code null} for the one that
	 * serves
	 * @return the served version
	 * @throws CascadeNotFoundException if no cascade of that name is active
	 * @throws CascadeNotReadyException if the cascade has no version that serves yet; its
	 * message holds no file path
	 * @throws VersionNotServedException if another version serves
	 */
	public ServedCascade require(String name, @Nullable String version) {
		CascadeSlot slot = this.lifecycle.slot(name);
		if (slot == null) {
			if (!this.lifecycle.synced()) {
				throw new CascadeNotReadyException("The service has not read the active cascades from its registry yet",
						VersionLifecycle.SYNC_RETRY);
			}
			throw new CascadeNotFoundException(name);
		}
		ServedCascade served = slot.current.get();
		if (served == null) {
			if (this.lifecycle.stopping()) {
				throw new CascadeNotReadyException("The service is stopping", Duration.ofSeconds(1));
			}
			LoadFailure failure = slot.failure;
			if (failure != null) {
				throw new CascadeNotReadyException("No version of cascade '" + name + "' serves: " + failure.message(),
						this.properties.loadRetryInterval());
			}
			throw new CascadeNotReadyException(
					"Cascade '" + name + "' version " + slot.active + " is loading and warming up",
					VersionLifecycle.SYNC_RETRY);
		}
		if (version != null && !version.equals(Integer.toString(served.versionNumber()))) {
			throw new VersionNotServedException(name, version, served.versionNumber());
		}
		return served;
	}

	/**
	 * Keeps a candidate version of an active cascade loaded and warmed up beside its
	 * active version (as a release plan asks), or retires the one loaded. Returns at
	 * once; the loader thread does the work.
	 * @param name the cascade's name; ignored if it is not active
	 * @param version the candidate version, or 0 for none
	 */
	public void follow(String name, int version) {
		this.lifecycle.follow(name, version);
	}

	/**
	 * Returns the candidate version of a cascade that is loaded and warmed up.
	 * @param name the cascade's name
	 * @return the candidate, or empty if none is loaded (yet)
	 */
	public Optional<ServedCascade> candidate(String name) {
		CascadeSlot slot = this.lifecycle.slot(name);
		return (slot != null) ? Optional.ofNullable(slot.candidate.get()) : Optional.empty();
	}

	/**
	 * Returns why a candidate version of a cascade failed to load, if its last load
	 * failed and it has not loaded since, with how many loads failed in a row.
	 * @param name the cascade's name
	 * @param version the candidate version
	 * @return the failure, or empty
	 */
	public Optional<CandidateLoadFailure> candidateFailure(String name, int version) {
		CascadeSlot slot = this.lifecycle.slot(name);
		CandidateLoadFailure failure = (slot != null) ? slot.candidateFailure : null;
		return Optional.ofNullable(failure).filter((failed) -> failed.last().version() == version);
	}

	/**
	 * Submits a request to the version a caller {@link #require resolved}. If that
	 * version has since been replaced and refuses the request as it drains, the request
	 * goes to its successor: the only case in which the cascade is looked up again.
	 * @param served the version the request resolved to
	 * @param version the version the caller asks for, or {@code null}: a successor must
	 * match it too
	 * @param inputs the inputs, as many as the first queue holds at most
	 * @param options the request's options
	 * @return the version that took the request, and its future result
	 * @throws RequestRejectedException if the request is not admitted
	 * @throws CascadeNotFoundException if the cascade stopped being active meanwhile
	 * @throws CascadeNotReadyException if the successor does not serve yet
	 * @throws VersionNotServedException if the successor is not the version asked for
	 */
	public Submission submit(ServedCascade served, @Nullable String version, List<TextInput> inputs,
			RequestOptions options) {
		ServedCascade target = served;
		for (int attempt = 1;; attempt++) {
			try {
				return new Submission(target, target.batcher().submit(inputs, options));
			}
			catch (RequestRejectedException ex) {
				CascadeSlot slot = this.lifecycle.slot(target.name());
				boolean replaced = slot != null && slot.current.get() != target;
				if (ex.reason() != RequestRejectedException.Reason.SHUTTING_DOWN || !replaced
						|| this.lifecycle.stopping() || attempt >= SUBMIT_ATTEMPTS) {
					throw ex;
				}
				target = require(target.name(), version);
			}
		}
	}

	/**
	 * A request taken by a served version.
	 *
	 * @param served the version that serves it
	 * @param result its future result; cancelling it drops the inputs not yet run
	 */
	public record Submission(ServedCascade served, CompletableFuture<BatchingResult> result) {

	}

}
