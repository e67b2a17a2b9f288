package dev.tango.api.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.tango.core.batching.BatchExecution;
import dev.tango.core.batching.BatchingListener;
import dev.tango.core.batching.RequestRejectedException.Reason;
import dev.tango.core.tier.TierException;

/**
 * Reports the events of one served cascade version's batcher as Micrometer meters, tagged
 * with the cascade, the version and the tier (its index, and its name): a release plan's
 * candidate, served beside the active version, has meters of its own. The meters are
 * created up front, so that an event costs an increment, and {@link #remove removed} when
 * the version retires. Events before {@link #warmedUp()} (the version's warm-up) are not
 * counted: the meters describe traffic only.
 *
 * <ul>
 * <li>{@code tango.batch.size} (summary): inputs per tier call; its count is the number
 * of calls and its total the inputs that reached the tier</li>
 * <li>{@code tango.batch.queue.wait} (timer): the mean wait of a call's inputs in the
 * tier's queue</li>
 * <li>{@code tango.batch.compute} (timer): the duration of a tier call</li>
 * <li>{@code tango.answers} (counter): inputs a tier answered; with the batch sizes it
 * gives the escalation rate</li>
 * <li>{@code tango.batch.failures} (counter): tier calls that failed</li>
 * <li>{@code tango.rejections} (counter, also tagged {@code reason}): requests refused
 * because a queue was full, their deadline passed or the cascade shut down</li>
 * <li>{@code tango.cancellations} (counter): requests whose inputs were dropped because
 * the caller gave up on them</li>
 * </ul>
 */
final class BatchingMetrics implements BatchingListener {

	private final List<StageMeters> stages;

	private final Counter cancellations;

	private final MeterRegistry registry;

	private volatile boolean counting;

	BatchingMetrics(MeterRegistry registry, String cascade, int version, List<String> tierNames) {
		this.registry = registry;
		String versionTag = Integer.toString(version);
		List<StageMeters> meters = new ArrayList<>(tierNames.size());
		for (int i = 0; i < tierNames.size(); i++) {
			meters.add(new StageMeters(registry, Tags.of("cascade", cascade, "version", versionTag, "tier",
					Integer.toString(i), "tier.name", tierNames.get(i))));
		}
		this.stages = List.copyOf(meters);
		this.cancellations = Counter.builder("tango.cancellations")
			.description("Requests whose remaining inputs were dropped because the caller gave up")
			.tag("cascade", cascade)
			.tag("version", versionTag)
			.register(registry);
	}

	/** Removes the meters from the registry: the version no longer serves. */
	void remove() {
		for (StageMeters meters : this.stages) {
			meters.all().forEach(this.registry::remove);
		}
		this.registry.remove(this.cancellations);
	}

	/** Starts counting: the version's warm-up is over. */
	void warmedUp() {
		this.counting = true;
	}

	@Override
	public void batchExecuted(BatchExecution batch) {
		if (!this.counting) {
			return;
		}
		StageMeters meters = this.stages.get(batch.stage());
		meters.size.record(batch.size());
		meters.queueWait.record(batch.meanQueueNanos(), TimeUnit.NANOSECONDS);
		meters.compute.record(batch.computeNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void batchFailed(int stage, String tier, int size, TierException cause) {
		if (!this.counting) {
			return;
		}
		this.stages.get(stage).failures.increment();
	}

	@Override
	public void inputsAnswered(int stage, int inputs) {
		if (!this.counting) {
			return;
		}
		this.stages.get(stage).answers.increment(inputs);
	}

	@Override
	public void requestRejected(int stage, Reason reason) {
		this.stages.get(stage).rejections.get(reason).increment();
	}

	@Override
	public void requestCancelled() {
		this.cancellations.increment();
	}

	private static final class StageMeters {

		private static final Duration[] SLOS = { Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
				Duration.ofMillis(100), Duration.ofMillis(500) };

		final DistributionSummary size;

		final Timer queueWait;

		final Timer compute;

		final Counter answers;

		final Counter failures;

		final Map<Reason, Counter> rejections = new EnumMap<>(Reason.class);

		StageMeters(MeterRegistry registry, Tags tags) {
			this.size = DistributionSummary.builder("tango.batch.size")
				.description("Inputs per tier call")
				.tags(tags)
				.serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
				.register(registry);
			this.queueWait = Timer.builder("tango.batch.queue.wait")
				.description("Mean time the inputs of a tier call waited in the tier's queue")
				.tags(tags)
				.serviceLevelObjectives(SLOS)
				.register(registry);
			this.compute = Timer.builder("tango.batch.compute")
				.description("Duration of a tier call")
				.tags(tags)
				.serviceLevelObjectives(SLOS)
				.register(registry);
			this.answers = Counter.builder("tango.answers")
				.description("Inputs a tier answered (not escalated)")
				.tags(tags)
				.register(registry);
			this.failures = Counter.builder("tango.batch.failures")
				.description("Tier calls that failed")
				.tags(tags)
				.register(registry);
			for (Reason reason : Reason.values()) {
				this.rejections.put(reason,
						Counter.builder("tango.rejections")
							.description("Requests refused by the batcher")
							.tags(tags)
							.tag("reason", reason.name().toLowerCase(Locale.ROOT))
							.register(registry));
			}
		}

		List<Meter> all() {
			List<Meter> meters = new ArrayList<>(
					List.of(this.size, this.queueWait, this.compute, this.answers, this.failures));
			meters.addAll(this.rejections.values());
			return meters;
		}

	}

}
