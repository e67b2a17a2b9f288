package dev.tango.models.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;

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

	/**
	 * Returns the labels every tier of this cascade version answers with: the identifiers
	 * all tiers share, each with the display name a tier gives it (the registry checks
	 * that tiers agree on both).
	 * @return the labels in output order
	 */
	public List<Label> labels() {
		return this.tiers.stream().map((tier) -> tier.model().labels()).reduce(Label::merge).orElseThrow();
	}

}
