package dev.tango.api.serving;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.tango.core.batching.BatchingCascade;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of cascade serving: which version serves and whether it stands in for a
 * failed one ({@code tango.cascade.version}, {@code tango.cascade.fallback}), queue
 * depths ({@code tango.queue.depth}), loads ({@code tango.model.loads}), load failures
 * ({@code tango.model.load.failures}) and failed reads of the registry
 * ({@code tango.registry.read.failures}). Thread-safe.
 */
final class ServingMetrics {

	private final MeterRegistry meters;

	private final Counter syncFailures;

	ServingMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.syncFailures = Counter.builder("tango.registry.read.failures")
			.description("Failed reads of the active cascade versions at start-up")
			.register(meters);
	}

	/**
	 * Registers the gauges of a new slot.
	 * @param slot the slot
	 */
	void slotAdded(CascadeSlot slot) {
		Gauge.builder("tango.cascade.version", slot, (s) -> {
			ServedCascade served = s.current.get();
			return (served != null) ? served.versionNumber() : 0;
		}).description("The cascade version that serves, 0 if none").tag("cascade", slot.name).register(this.meters);
		Gauge.builder("tango.cascade.fallback", slot, (s) -> s.servesOlderAfterFailure() ? 1 : 0)
			.description("1 while an older version serves because the active one failed to load")
			.tag("cascade", slot.name)
			.register(this.meters);
	}

	/**
	 * Starts a gauge of one stage of a slot's served version, tagged with the cascade and
	 * the tier: the value read from its batcher, 0 while the slot serves no version or
	 * one with fewer stages.
	 */
	private static Gauge.Builder<CascadeSlot> stageGauge(String name, CascadeSlot slot, int stage,
			ToDoubleFunction<BatchingCascade> value) {
		return Gauge.builder(name, slot, (s) -> {
			ServedCascade served = s.current.get();
			return (served != null && stage < served.stages().size()) ? value.applyAsDouble(served.batcher()) : 0;
		}).tag("cascade", slot.name).tag("tier", Integer.toString(stage));
	}

	/**
	 * Registers the queue depth gauges of a slot's stages not registered yet; on the
	 * loader thread.
	 * @param slot the slot
	 * @param stages how many stages its served version has
	 */
	void queueGauges(CascadeSlot slot, int stages) {
		for (int i = slot.queueGauges; i < stages; i++) {
			int stage = i;
			stageGauge("tango.queue.depth", slot, stage, (batcher) -> batcher.queueDepth(stage))
				.description("Inputs waiting in a tier's queue")
				.register(this.meters);
			stageGauge("tango.admission.cost", slot, stage, (batcher) -> batcher.costPerUnitNanos(stage) / 1e9)
				.description("A tier's measured cost per unit of work (an input's characters, capped, plus a "
						+ "fixed amount per input), one of the two costs admission estimates with")
				.baseUnit("seconds")
				.register(this.meters);
			stageGauge("tango.admission.call.cost", slot, stage, (batcher) -> batcher.costPerCallNanos(stage) / 1e9)
				.description("A tier's measured cost per call, whatever its size, beside the cost of its work, "
						+ "which admission estimates with; 0 until calls of spread sizes tell the two apart")
				.baseUnit("seconds")
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
	 * Records a version loaded and warmed up.
	 * @param cascade the cascade's name
	 * @param nanos how long it took
	 */
	void loaded(String cascade, long nanos) {
		Timer.builder("tango.model.loads")
			.description("Time to load and warm up a cascade version")
			.tag("cascade", cascade)
			.register(this.meters)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Counts a version that failed to load or warm up.
	 * @param cascade the cascade's name
	 */
	void loadFailed(String cascade) {
		Counter.builder("tango.model.load.failures")
			.description("Cascade versions that failed to load or warm up")
			.tag("cascade", cascade)
			.register(this.meters)
			.increment();
	}

	/** Counts a failed read of the active versions. */
	void syncFailed() {
		this.syncFailures.increment();
	}

}
