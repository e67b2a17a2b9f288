package dev.tango.models.release;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A release plan as the registry holds it.
 *
 * @param id the registry's identifier
 * @param cascade the cascade's name
 * @param baseVersion the version that was active when the plan started
 * @param candidateVersion the version tried
 * @param mode how it is tried
 * @param share for a shadow, the fraction of requests copied to the candidate; for a
 * canary, the fraction answered by it; in {@code (0, 1]}
 * @param bounds when an instance aborts it
 * @param state where it stands
 * @param startedAt when it started
 * @param startedBy who started it
 * @param endedAt when it was promoted or aborted, or {@code null} while it runs
 */
public record ReleasePlan(long id, String cascade, int baseVersion, int candidateVersion, ReleaseMode mode,
		double share, ReleaseBounds bounds, ReleaseState state, Instant startedAt, String startedBy,
		@Nullable Instant endedAt) {

	public ReleasePlan {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(bounds, "bounds");
		Objects.requireNonNull(state, "state");
	}

	/**
	 * Returns whether the API instances follow this plan.
	 * @return {@code true} while it runs
	 */
	public boolean running() {
		return this.state == ReleaseState.RUNNING;
	}

}
