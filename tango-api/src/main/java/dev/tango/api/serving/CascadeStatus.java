package dev.tango.api.serving;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of how one cascade is served.
 *
 * @param name the cascade's name
 * @param state where its serving stands
 * @param activeVersion the version the registry has active
 * @param servedVersion the version that answers requests, or {@code null} if none does
 * @param tiers the served version's tier names, cheapest first; empty if none serves
 * @param lastFailure the last version that failed to load, or {@code null}
 */
public record CascadeStatus(String name, CascadeState state, int activeVersion, @Nullable Integer servedVersion,
		List<String> tiers, @Nullable LoadFailure lastFailure) {

	public CascadeStatus {
		tiers = List.copyOf(tiers);
	}

	/**
	 * Whether a version answers requests.
	 * @return {@code true} if one serves
	 */
	public boolean serving() {
		return this.servedVersion != null;
	}

}
