package dev.tango.api.release;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.tango.api.serving.ServedCascade;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleaseRole;

/**
 * A running release plan as this instance follows it, with what it measured for each
 * version. Thread-safe.
 */
final class FollowedPlan {

	final ReleasePlan plan;

	/** When this instance began to follow the plan, by its own clock. */
	final Instant since;

	private final Map<Integer, VersionStats> stats = new ConcurrentHashMap<>();

	private final ReleaseMeters meters;

	/**
	 * Starts following a plan.
	 * @param plan the plan
	 * @param meters where its candidate's meters go
	 */
	FollowedPlan(ReleasePlan plan, ReleaseMeters meters) {
		this.plan = plan;
		this.meters = meters;
		this.since = Instant.now();
	}

	/**
	 * Returns the statistics of a version, started on first use.
	 * @param served the version
	 * @return its statistics
	 */
	VersionStats stats(ServedCascade served) {
		int version = served.versionNumber();
		return this.stats.computeIfAbsent(version, (v) -> {
			VersionStats started = new VersionStats(v,
					(v == this.plan.candidateVersion()) ? ReleaseRole.CANDIDATE : ReleaseRole.ACTIVE,
					served.stages().size());
			this.meters.started(this, started);
			return started;
		});
	}

	/**
	 * Returns the candidate's statistics.
	 * @return them, or {@code null} if it has not run yet
	 */
	@Nullable VersionStats candidateStats() {
		return this.stats.get(this.plan.candidateVersion());
	}

	Iterable<VersionStats> allStats() {
		return this.stats.values();
	}

	/**
	 * Returns whether a request belongs to the plan's share: decided by its key when it
	 * has one, so that the requests sharing a key go the same way for the whole plan,
	 * else at random.
	 * @param requestKey the request's key, or {@code null}
	 * @return {@code true} for the share
	 */
	boolean selects(@Nullable String requestKey) {
		double share = this.plan.share();
		if (share >= 1) {
			return true;
		}
		double draw = (requestKey != null) ? bucket(this.plan.id(), requestKey)
				: ThreadLocalRandom.current().nextDouble();
		return draw < share;
	}

	/**
	 * Maps a key to a point of {@code [0, 1)}, evenly and the same way on every instance.
	 */
	static double bucket(long planId, String key) {
		long h = key.hashCode() * 0x9E3779B97F4A7C15L + planId;
		h ^= h >>> 33;
		h *= 0xFF51AFD7ED558CCDL;
		h ^= h >>> 33;
		h *= 0xC4CEB9FE1A85EC53L;
		h ^= h >>> 33;
		return (h >>> 11) * 0x1.0p-53;
	}

}
