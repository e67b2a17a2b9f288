package dev.tango.models.loading;

import java.io.IOException;

import dev.tango.core.tier.Tier;

/**
 * Opens the runtime tier of a prepared tier.
 */
@FunctionalInterface
interface TierOpener {

	/**
	 * Opens a tier.
	 * @param tier the prepared tier
	 * @return the tier, owned by the caller
	 * @throws IOException if a model or tokenizer cannot be loaded
	 */
	Tier open(PreparedTier tier) throws IOException;

}
