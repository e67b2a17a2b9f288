package dev.tango.api.serving;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.api.ApiProperties;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.core.batching.BatchingCascade;
import dev.tango.core.batching.BatchingCascadeBuilder;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.BatchingSettings;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;
import dev.tango.models.loading.CascadeLoadException;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.models.registry.CascadeVersion;

/**
 * Opens a cascade version for serving (loads its tiers, warms them up, puts them behind a
 * started batcher) and retires a served one (drains its batcher, then closes its tiers).
 * Owns the tiers of a version from its load until it is served, and again once retired.
 * Thread-safe; called on the loader thread.
 */
final class VersionOpener {

	private static final Logger logger = LoggerFactory.getLogger(VersionOpener.class);

	private final CascadeVersionLoader loader;

	private final ApiProperties properties;

	private final MeterRegistry meters;

	private final ServingTracing tracing;

	/** The meters of each open version's batcher, removed when it retires. */
	private final Map<BatchingCascade, BatchingMetrics> metrics = new ConcurrentHashMap<>();

	VersionOpener(CascadeVersionLoader loader, ApiProperties properties, MeterRegistry meters, ServingTracing tracing) {
		this.loader = loader;
		this.properties = properties;
		this.meters = meters;
		this.tracing = tracing;
	}

	/**
	 * Loads a version, warms up its tiers (every tier classifies the warm-up inputs alone
	 * and as a batch, then a request runs through the batcher), and starts its batcher.
	 * Running out of memory is a failure to load it, as an artifact too large for this
	 * heap would make it: what the load opened is closed, native sessions included, and
	 * what it allocated on the heap is garbage.
	 * @param version the version
	 * @return the version, ready to serve
	 * @throws RuntimeException if it cannot be loaded or warmed up, out of memory
	 * included (a {@link CascadeLoadException}); nothing is left open
	 */
	ServedCascade open(CascadeVersion version) {
		try {
			return loadAndWarmUp(version);
		}
		catch (OutOfMemoryError ex) {
			throw new CascadeLoadException("Cascade " + version.cascade() + " version " + version.version()
					+ " needs more memory to load than this instance has: " + ex, ex);
		}
	}

	private ServedCascade loadAndWarmUp(CascadeVersion version) {
		LoadedCascadeVersion loaded = this.loader.load(version);
		BatchingCascade batcher = null;
		try {
			List<Stage> stages = loaded.stages();
			List<Label> labels = loaded.labels();
			List<TextInput> warmup = this.properties.warmup().inputs().stream().map(TextInput::of).toList();
			for (Stage stage : stages) {
				stage.tier().classify(warmup.subList(0, 1));
				stage.tier().classify(warmup);
			}
			BatchingMetrics metrics = new BatchingMetrics(this.meters, version.cascade(), version.version(),
					stages.stream().map((stage) -> stage.tier().name()).toList());
			batcher = batcher(version, loaded, metrics);
			batcher.start();
			awaitWarmup(batcher.submit(warmup), version);
			metrics.warmedUp();
			return new ServedCascade(version.cascade(), version, labels, stages, batcher, loaded);
		}
		catch (RuntimeException | Error ex) {
			// An Error too (out of memory while warming up): the tiers hold native
			// sessions, the batcher threads.
			if (batcher != null) {
				batcher.shutdown(Duration.ZERO);
				removeMetrics(batcher);
			}
			closeQuietly(loaded, ex);
			throw ex;
		}
	}

	private BatchingCascade batcher(CascadeVersion version, LoadedCascadeVersion loaded, BatchingMetrics metrics) {
		ApiProperties.Batching batching = this.properties.batching();
		List<LoadedTier> tiers = loaded.tiers();
		List<Stage> stages = loaded.stages();
		BatchingCascadeBuilder builder = BatchingCascade.builder(stages)
			.defaultTimeout(this.properties.requestTimeout())
			.shutdownTimeout(this.properties.drainTimeout())
			.admissionMargin(this.properties.admission().reserve())
			.listener(this.tracing.tracingTierCalls(metrics, version.cascade(), version.version()))
			.threadFactory(Thread.ofPlatform()
				.name("tango-" + version.cascade() + "-v" + version.version() + "-", 0)
				.daemon(true)
				.factory());
		int workers = batching.workersFor(tiers.stream().map(LoadedTier::threadsPerCall).toList(),
				Runtime.getRuntime().availableProcessors());
		for (int i = 0; i < tiers.size(); i++) {
			builder.batching(i, new BatchingSettings(tiers.get(i).maxBatchDelay(), batching.queueCapacity(), workers,
					batching.lengthWindow()));
		}
		BatchingCascade batcher = builder.build();
		this.metrics.put(batcher, metrics);
		return batcher;
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
	 * @param served the version
	 */
	void retire(ServedCascade served) {
		long start = System.nanoTime();
		boolean stopped = served.batcher().shutdown(this.properties.drainTimeout());
		removeMetrics(served.batcher());
		if (!stopped) {
			logger.warn("Cascade {} version {}: a tier call outlived the drain timeout; its tiers stay open",
					served.name(), served.versionNumber());
			return;
		}
		closeQuietly(served.loaded(), null);
		logger.info("Cascade {} version {} drained and closed in {} ms", served.name(), served.versionNumber(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	private void removeMetrics(BatchingCascade batcher) {
		BatchingMetrics removed = this.metrics.remove(batcher);
		if (removed != null) {
			removed.remove();
		}
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

}
