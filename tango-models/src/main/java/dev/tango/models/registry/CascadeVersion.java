package dev.tango.models.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A registered, immutable cascade version.
 *
 * @param id the registry's identifier
 * @param cascade the cascade's name
 * @param version the version number, from 1
 * @param tiers the tiers, cheapest first
 * @param description free text, or {@code null}
 * @param createdAt when it was created
 * @param createdBy who created it
 */
public record CascadeVersion(long id, String cascade, int version, List<CascadeTier> tiers,
		@Nullable String description, Instant createdAt, String createdBy) {

	public CascadeVersion {
		tiers = List.copyOf(tiers);
	}

	/** The labels every tier of this cascade version answers with. */
	public List<String> labels() {
		return this.tiers.get(0).model().labels();
	}

}
