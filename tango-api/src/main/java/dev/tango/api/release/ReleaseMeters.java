package dev.tango.api.release;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleaseRole;

/**
 * The meters of a shadow plan's candidate, tagged with the cascade and the candidate's
 * version, present while this instance follows the plan:
 * <ul>
 * <li>{@code tango.release.shadow.agreement} (gauge, also tagged {@code tier}:
 * {@code all}, or the index of the candidate's answering tier): the fraction of the
 * compared inputs to which the candidate gave the active version's label, since the plan
 * started; {@code NaN} until one was compared</li>
 * <li>{@code tango.release.shadow.compared} (counter): the inputs compared</li>
 * <li>{@code tango.release.shadow.dropped} (counter): shadow copies never run because the
 * queue was full or the candidate's batcher refused them</li>
 * </ul>
 * Meters are registered when a plan's candidate first runs and removed when this instance
 * stops following the plan. Thread-safe.
 */
final class ReleaseMeters {

	private final MeterRegistry registry;

	/** The meters of each followed shadow plan, by plan. */
	private final Map<Long, PlanMeters> plans = new ConcurrentHashMap<>();

	/**
	 * The plans ended here: a copy still running when its plan ended must not register
	 * meters again. Plan identifiers are a few per release, so the set stays small.
	 */
	private final Set<Long> ended = new HashSet<>();

	ReleaseMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers the meters of a version's statistics if it is a shadow plan's candidate.
	 * @param plan the plan
	 * @param stats the version's statistics, just started
	 */
	synchronized void started(FollowedPlan plan, VersionStats stats) {
		if (plan.plan.mode() != ReleaseMode.SHADOW || stats.role != ReleaseRole.CANDIDATE
				|| this.ended.contains(plan.plan.id())) {
			return;
		}
		Tags tags = Tags.of("cascade", plan.plan.cascade(), "version", Integer.toString(stats.version));
		List<Meter> meters = new ArrayList<>();
		meters.add(agreement(tags.and("tier", "all"), stats, VersionStats::agreement));
		for (int tier = 0; tier < stats.tiers(); tier++) {
			int index = tier;
			meters.add(agreement(tags.and("tier", Integer.toString(tier)), stats, (s) -> s.agreement(index)));
		}
		meters.add(FunctionCounter.builder("tango.release.shadow.compared", stats, VersionStats::compared)
			.description("Inputs a shadow candidate answered that were compared with the active version's answer")
			.tags(tags)
			.register(this.registry));
		Counter dropped = Counter.builder("tango.release.shadow.dropped")
			.description("Shadow copies never run on the candidate: queue full or candidate overloaded")
			.tags(tags)
			.register(this.registry);
		meters.add(dropped);
		PlanMeters previous = this.plans.put(plan.plan.id(), new PlanMeters(meters, dropped));
		if (previous != null) {
			previous.meters.forEach(this.registry::remove);
		}
	}

	/**
	 * Counts a shadow copy of the plan dropped.
	 * @param plan the plan
	 */
	void dropped(FollowedPlan plan) {
		PlanMeters meters = this.plans.get(plan.plan.id());
		if (meters != null) {
			meters.dropped.increment();
		}
	}

	/**
	 * Removes the meters of a plan this instance no longer follows.
	 * @param plan the plan
	 */
	synchronized void ended(FollowedPlan plan) {
		this.ended.add(plan.plan.id());
		PlanMeters removed = this.plans.remove(plan.plan.id());
		if (removed != null) {
			removed.meters.forEach(this.registry::remove);
		}
	}

	private Gauge agreement(Tags tags, VersionStats stats, ToDoubleFunction<VersionStats> value) {
		return Gauge.builder("tango.release.shadow.agreement", stats, value)
			.description("Fraction of the compared inputs the shadow candidate labelled as the active version did")
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
	}

	private record PlanMeters(List<Meter> meters, Counter dropped) {
	}

}
