package dev.tango.api.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

import dev.tango.api.ApiProperties;
import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.LoadedTier;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.models.changes.ActivationEvent;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.loading.CascadeLoadException;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelVersion;

/**
 * Two-tier keyword cascades for unit tests: a loader that builds them (and can be made to
 * fail), registry changes fired by the test, and settings.
 */
public final class TestCascades {

	private TestCascades() {
	}

	/**
	 * A registered two-tier cascade version.
	 * @param cascade the name
	 * @param version the number
	 * @param threshold the first tier's threshold
	 * @return the version
	 */
	public static CascadeVersion version(String cascade, int version, double threshold) {
		List<CascadeTier> tiers = List.of(
				new CascadeTier(0, model("weak", version), Gate.maxProbability(threshold), 8, 1),
				new CascadeTier(1, model("strong", version), null, 8, 1));
		return new CascadeVersion(version, cascade, version, tiers, null, Instant.now(), "test");
	}

	private static ModelVersion model(String name, int version) {
		return new ModelVersion(version, name, version, "lexical-linear", Map.of(), Label.of(KeywordTier.LABELS), 64,
				null, Map.of(), null, Instant.now(), "test");
	}

	/**
	 * Settings for tests: small limits and queues, short timeouts.
	 * @param queueCapacity each tier's queue capacity
	 * @return the settings
	 */
	public static ApiProperties properties(int queueCapacity) {
		return new ApiProperties("sentiment", Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(1),
				Duration.ofMillis(250),
				new ApiProperties.Limits(DataSize.ofKilobytes(4), Math.min(16, queueCapacity), 200),
				new ApiProperties.Batching(queueCapacity, 1, 2), new ApiProperties.Admission(0.5),
				new ApiProperties.ServingReportSettings(Duration.ofHours(1), Duration.ofMinutes(1)),
				new ApiProperties.Warmup(List.of("good", "bad", "neither")), new ApiProperties.Auth(false, List.of()));
	}

	/**
	 * Loads keyword cascades: tier 0 weak (strength 1), tier 1 strong (strength 10), with
	 * the version's threshold.
	 */
	public static final class Loader implements CascadeVersionLoader {

		/** The file a failing load names in its message, as a real loader does. */
		public static final String MISSING_FILE = "/srv/tango/models/weak/model.onnx";

		private final Map<String, List<KeywordTier>> tiers = new ConcurrentHashMap<>();

		private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

		private final Set<Integer> exhausting = ConcurrentHashMap.newKeySet();

		@Override
		public LoadedCascadeVersion load(CascadeVersion version) {
			if (this.exhausting.contains(version.version())) {
				throw new OutOfMemoryError("Java heap space");
			}
			if (this.failing.contains(version.version())) {
				throw new CascadeLoadException("Tier 'weak' of version " + version.version() + " cannot be opened: "
						+ MISSING_FILE + " is missing", 0, new IllegalStateException(MISSING_FILE));
			}
			KeywordTier weak = new KeywordTier("weak-v" + version.version(), 1, 64);
			KeywordTier strong = new KeywordTier("strong-v" + version.version(), 10, 128);
			this.tiers.put(version.cascade() + ":" + version.version(), List.of(weak, strong));
			Gate gate = version.tiers().get(0).gate();
			double threshold = (gate != null) ? gate.threshold() : 0.9;
			List<LoadedTier> loaded = List.of(new LoadedTier(weak, Label.of(weak.labels()),
					new StageSettings(8, ConfidenceMeasure.MAX_PROBABILITY, 1.0, threshold), Duration.ofMillis(1), 1),
					new LoadedTier(strong, Label.of(strong.labels()), StageSettings.answering(8), Duration.ofMillis(1),
							1));
			return new LoadedCascadeVersion(version, new LoadedCascade(version.cascade(), loaded));
		}

		/**
		 * Returns the tiers built for a version.
		 * @param cascade the cascade
		 * @param version the version
		 * @return weak and strong tier
		 */
		public List<KeywordTier> tiers(String cascade, int version) {
			List<KeywordTier> built = this.tiers.get(cascade + ":" + version);
			if (built == null) {
				throw new IllegalStateException("Version " + version + " of " + cascade + " was not loaded");
			}
			return built;
		}

		/**
		 * Makes loading a version number fail.
		 * @param version the version number
		 */
		public void fail(int version) {
			this.failing.add(version);
		}

		/**
		 * Makes loading a version number succeed again.
		 * @param version the version number
		 */
		public void recover(int version) {
			this.failing.remove(version);
			this.exhausting.remove(version);
		}

		/**
		 * Makes loading a version number run out of memory, as an artifact too large for
		 * the heap does, until it {@link #recover recovers}.
		 * @param version the version number
		 */
		public void exhaust(int version) {
			this.exhausting.add(version);
		}

	}

	/** Registry changes that the test fires. */
	public static final class Changes implements RegistryChanges {

		private final List<Consumer<ActivationEvent>> listeners = new CopyOnWriteArrayList<>();

		@Override
		public Subscription onActivation(Consumer<ActivationEvent> listener) {
			this.listeners.add(listener);
			return () -> this.listeners.remove(listener);
		}

		/** Release plans are only polled here. */
		@Override
		public Subscription onReleasePlanChange(Consumer<String> listener) {
			return () -> {
			};
		}

		/**
		 * Announces an activation.
		 * @param cascade the cascade
		 * @param from the version active before, or {@code null}
		 * @param to the version active now
		 * @param revision the revision
		 */
		public void activate(String cascade, @Nullable Integer from, int to, long revision) {
			ActivationEvent event = new ActivationEvent(cascade, from, to, revision, Instant.now(), "test");
			this.listeners.forEach((listener) -> listener.accept(event));
		}

		/** Whether a listener is registered. */
		public boolean hasListeners() {
			return !this.listeners.isEmpty();
		}

	}

}
