package dev.tango.api.feedback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.tango.api.serving.RegistryOutageLog;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.feedback.LiveAccuracy;

/**
 * The periodic work of an instance on the stored feedback, on a thread of its own: every
 * {@code tango.api.feedback.purge-interval} it deletes what is past the retention (older
 * than {@code max-age}, beyond {@code max-rows-per-cascade}), and every
 * {@code refresh-interval} it reads the live accuracy for the gauges
 * {@code tango.live.accuracy} (tags {@code cascade}, {@code version}, {@code tier}: an
 * index or {@code all}, and {@code bound}: {@code estimate}, {@code lower}, {@code upper}
 * of the 95% Wilson interval) and {@code tango.live.labelled} (labelled answers). Every
 * instance does both; the purge is idempotent and the gauges the same everywhere. Best
 * effort: while the database is away, the failure is logged once and the work tried again
 * at its next turn. Thread-safe.
 */
public class FeedbackUpkeep implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FeedbackUpkeep.class);

	private final FeedbackStore store;

	private final FeedbackProperties properties;

	private final Clock clock;

	private final MultiGauge accuracy;

	private final MultiGauge labelled;

	private final RegistryOutageLog outage = new RegistryOutageLog(FeedbackUpkeep.class,
			"Feedback upkeep cannot reach the registry; serving goes on, trying again later",
			"Feedback upkeep reaches the registry again");

	private volatile @Nullable ScheduledExecutorService worker;

	/**
	 * Creates the upkeep.
	 * @param store the stored feedback
	 * @param properties the retention and intervals
	 * @param meters where the gauges go
	 * @param clock the time
	 */
	public FeedbackUpkeep(FeedbackStore store, FeedbackProperties properties, MeterRegistry meters, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.accuracy = MultiGauge.builder("tango.live.accuracy")
			.description("Accuracy of a cascade version's answers as feedback labelled them, with the bounds of "
					+ "its 95% Wilson interval")
			.register(meters);
		this.labelled = MultiGauge.builder("tango.live.labelled")
			.description("Answers of a cascade version that feedback labelled")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		if (this.worker != null) {
			return;
		}
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tango-feedback-upkeep").daemon(true).factory());
		started.scheduleWithFixedDelay(this::purge, 0, this.properties.purgeInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		started.scheduleWithFixedDelay(this::refresh, 0, this.properties.refreshInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.worker = started;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService stopping = this.worker;
		if (stopping != null) {
			this.worker = null;
			stopping.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

	/**
	 * Deletes the feedback past the retention. Never throws.
	 * @return how many items were deleted, or -1 if the database failed
	 */
	public int purge() {
		try {
			int deleted = this.store.purge(this.clock.instant().minus(this.properties.maxAge()),
					this.properties.maxRowsPerCascade());
			if (deleted > 0) {
				logger.info("Deleted {} items of feedback past the retention", deleted);
			}
			this.outage.succeeded();
			return deleted;
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
			return -1;
		}
	}

	/**
	 * Reads the live accuracy into the gauges. Never throws.
	 */
	public void refresh() {
		try {
			List<MultiGauge.Row<?>> accuracies = new ArrayList<>();
			List<MultiGauge.Row<?>> counts = new ArrayList<>();
			for (LiveAccuracy row : this.store.liveAccuracy(null)) {
				Tags tags = Tags.of("cascade", row.cascade(), "version", Integer.toString(row.version()), "tier",
						(row.tier() != null) ? row.tier().toString() : "all");
				accuracies.add(MultiGauge.Row.of(tags.and("bound", "estimate"), row.accuracy()));
				accuracies.add(MultiGauge.Row.of(tags.and("bound", "lower"), row.lower()));
				accuracies.add(MultiGauge.Row.of(tags.and("bound", "upper"), row.upper()));
				counts.add(MultiGauge.Row.of(tags, row.labelled()));
			}
			this.accuracy.register(accuracies, true);
			this.labelled.register(counts, true);
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
		}
	}

}
