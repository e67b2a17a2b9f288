package dev.tango.api.release;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.api.ApiProperties;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.ServedCascade;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.tier.TextInput;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleaseRole;

/**
 * Puts the running release plans into the path of requests, from memory only: a canary's
 * share of the requests goes to its candidate, and a shadow's sampled share of the
 * answered requests is copied to its candidate once answered. Counts what each version
 * did for the plan ({@code tango.release.requests}, tagged with the cascade, version,
 * role and outcome; a shadow candidate's agreement and drops in {@link ReleaseMeters}). A
 * request that names a version is never rerouted. Thread-safe.
 */
@Component
public class ReleaseRouter {

	private final CascadeServer server;

	private final ShadowRunner shadows;

	private final MeterRegistry meters;

	private final ReleaseMeters releaseMeters;

	private volatile Map<String, FollowedPlan> plans = Map.of();

	/** {@code tango.release.requests} by cascade, version, role and outcome. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Creates the router.
	 * @param server the served versions and candidates
	 * @param properties the request timeout bounds a shadow copy's run
	 * @param meters where the per-version counts go
	 */
	public ReleaseRouter(CascadeServer server, ApiProperties properties, MeterRegistry meters) {
		this.server = server;
		this.meters = meters;
		this.releaseMeters = new ReleaseMeters(meters);
		this.shadows = new ShadowRunner(properties.requestTimeout(), meters, this.releaseMeters);
	}

	/**
	 * Returns the version that answers a request: the canary candidate for the plan's
	 * share of the requests (by request key when given), else the version resolved.
	 * @param served the version the request resolved to
	 * @param version the version the request names, or {@code null}
	 * @param requestKey the request's key, or {@code null}
	 * @return the version to submit it to
	 */
	public ServedCascade route(ServedCascade served, @Nullable String version, @Nullable String requestKey) {
		FollowedPlan followed = this.plans.get(served.name());
		if (version != null || followed == null || followed.plan.mode() != ReleaseMode.CANARY
				|| !followed.selects(requestKey)) {
			return served;
		}
		ServedCascade candidate = candidate(followed, served);
		return (candidate != null) ? candidate : served;
	}

	/**
	 * Watches a submitted request: counts it for the version that took it and, during a
	 * shadow, copies the sampled ones to the candidate once answered. Never blocks.
	 * @param taker the version that took the request
	 * @param inputs its inputs
	 * @param result its future answers
	 * @param requestKey the request's key, or {@code null}
	 */
	public void observe(ServedCascade taker, List<TextInput> inputs, CompletableFuture<BatchingResult> result,
			@Nullable String requestKey) {
		FollowedPlan followed = this.plans.get(taker.name());
		if (followed == null) {
			return;
		}
		VersionStats stats = followed.stats(taker);
		boolean copy = followed.plan.mode() == ReleaseMode.SHADOW && stats.role == ReleaseRole.ACTIVE
				&& followed.selects(requestKey);
		result.whenComplete((answers, failure) -> {
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			if (cause == null) {
				stats.answered(answers, null);
				count(taker, stats, "success");
				ServedCascade candidate = copy ? candidate(followed, taker) : null;
				if (candidate != null) {
					this.shadows.offer(followed, candidate, inputs, answers.predictions());
				}
			}
			else if (!(cause instanceof RequestRejectedException || cause instanceof CancellationException)) {
				stats.failed(inputs.size());
				count(taker, stats, "failed");
			}
		});
	}

	/**
	 * Replaces the plans followed; those of a plan that goes on keep their counts.
	 * @param followed the running plans by cascade
	 */
	void follow(Map<String, FollowedPlan> followed) {
		this.plans = Map.copyOf(followed);
	}

	Map<String, FollowedPlan> followed() {
		return this.plans;
	}

	/** The meters of the followed plans' candidates. */
	ReleaseMeters meters() {
		return this.releaseMeters;
	}

	void start() {
		this.shadows.start();
	}

	void stop() {
		this.shadows.stop();
	}

	private @Nullable ServedCascade candidate(FollowedPlan followed, ServedCascade active) {
		return this.server.candidate(active.name())
			.filter((candidate) -> candidate.versionNumber() == followed.plan.candidateVersion()
					&& candidate.versionNumber() != active.versionNumber())
			.orElse(null);
	}

	private void count(ServedCascade taker, VersionStats stats, String outcome) {
		String key = taker.name() + "\u0000" + taker.versionNumber() + "\u0000" + stats.role + "\u0000" + outcome;
		this.counters.computeIfAbsent(key, (k) -> counter(taker, stats, outcome)).increment();
	}

	private Counter counter(ServedCascade taker, VersionStats stats, String outcome) {
		return Counter.builder("tango.release.requests")
			.description("Requests answered during a release plan, by version")
			.tag("cascade", taker.name())
			.tag("version", Integer.toString(taker.versionNumber()))
			.tag("role", stats.role.name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome)
			.register(this.meters);
	}

}
