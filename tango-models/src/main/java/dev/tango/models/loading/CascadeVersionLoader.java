package dev.tango.models.loading;

import dev.tango.models.registry.CascadeVersion;

/**
 * Builds the tiers of a registered cascade version. Thread-safe.
 */
public interface CascadeVersionLoader {

	/**
	 * Resolves and verifies every artifact (through the registry's
	 * {@link dev.tango.models.artifact.ArtifactFetcher ArtifactFetcher} and
	 * {@link dev.tango.models.registry.ModelResolver ModelResolver}), builds one tier per
	 * model version, and returns them as core stages. The caller owns the result and
	 * closes it. On failure, already-built tiers are closed and a
	 * {@link CascadeLoadException} names the tier and the cause.
	 * @param version the cascade version
	 * @return the tiers, ready to serve
	 * @throws CascadeLoadException if an artifact is refused, missing or altered, a model
	 * kind is not supported, or a tier cannot be opened
	 */
	LoadedCascadeVersion load(CascadeVersion version);

}
