package dev.tango.models.registry;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A cascade version to create. Its number is assigned by the registry; the cascade is
 * created if new. A version is never edited: a new threshold is a new version.
 *
 * @param cascade the cascade's name (letters, digits, {@code . _ -})
 * @param tiers the tiers, cheapest first; at least one; all with the same labels
 * @param description free text, or {@code null}
 * @param createdBy who creates it
 */
public record NewCascadeVersion(String cascade, List<NewTier> tiers, @Nullable String description, String createdBy) {

	public NewCascadeVersion {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(createdBy, "createdBy");
		tiers = List.copyOf(tiers);
	}

}
