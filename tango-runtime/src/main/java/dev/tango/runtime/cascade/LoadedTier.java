package dev.tango.runtime.cascade;

import java.util.Objects;

import dev.tango.core.tier.Tier;

/**
 * A tier opened from a cascade descriptor, with its routing settings.
 *
 * @param tier the tier, owned by the {@link LoadedCascade}
 * @param settings its settings
 */
public record LoadedTier(Tier tier, TierSettings settings) {

	public LoadedTier {
		Objects.requireNonNull(tier, "tier");
		Objects.requireNonNull(settings, "settings");
	}

}
