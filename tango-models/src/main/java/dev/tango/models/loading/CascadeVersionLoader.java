package dev.tango.models.loading;

import dev.tango.models.registry.CascadeVersion;

/**
 * Builds the tiers of a registered cascade version. Implementations are thread-safe.
 */
public interface CascadeVersionLoader {

	/**
	 * Resolves and verifies every artifact of the version through the registry, builds
	 * one tier per model version and returns them as stages, cheapest first.
	 * @param version the cascade version
	 * @return the loaded tiers; the caller owns them and closes the result
	 * @throws CascadeLoadException if an artifact cannot be resolved or verified or a
	 * tier cannot be built; tiers already built are closed first
	 */
	LoadedCascadeVersion load(CascadeVersion version);

}
