package dev.tango.admin.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.RegistryNotFoundException;

/**
 * Finds the cascade version a request means: the one named, or else the active one, or
 * else the latest.
 */
@Component
public class CascadeTargets {

	private final ModelRegistry registry;

	public CascadeTargets(ModelRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Finds a cascade version.
	 * @param cascade the cascade's name
	 * @param version the version, or {@code null} for the active (else latest) one
	 * @return the version
	 * @throws RegistryNotFoundException if there is no such cascade or version
	 */
	public CascadeVersion find(String cascade, @Nullable Integer version) {
		if (version != null) {
			return this.registry.findCascadeVersion(cascade, version)
				.orElseThrow(
						() -> new RegistryNotFoundException("No version " + version + " of cascade '" + cascade + "'"));
		}
		return this.registry.getActive(cascade).map(ActiveCascade::version).orElseGet(() -> {
			List<CascadeVersion> versions = this.registry.listCascadeVersions(cascade);
			if (versions.isEmpty()) {
				throw new RegistryNotFoundException("No cascade '" + cascade + "'");
			}
			return versions.get(versions.size() - 1);
		});
	}

	/**
	 * Compares two versions of a cascade, with their latest calibrations.
	 * @param cascade the cascade's name
	 * @param from the first version
	 * @param to the second version
	 * @return the comparison
	 * @throws RegistryNotFoundException if there is no such cascade or version
	 */
	public CascadeComparison compare(String cascade, int from, int to) {
		return CascadeComparison.of(find(cascade, from), find(cascade, to),
				this.registry.listCalibrations(cascade, from), this.registry.listCalibrations(cascade, to));
	}

}
