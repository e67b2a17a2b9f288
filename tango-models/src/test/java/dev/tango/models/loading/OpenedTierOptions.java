package dev.tango.models.loading;

import java.util.ArrayList;
import java.util.List;

import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelResolver;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * Loads a cascade version as the registry's loader does, opening real runtime tiers, and
 * tells the ONNX Runtime settings each tier was opened with.
 */
public final class OpenedTierOptions {

	private OpenedTierOptions() {
	}

	/**
	 * Loads a cascade version, notes each tier's settings, and closes it again.
	 * @param resolver resolves the model versions' artifacts
	 * @param defaults the runtime's default settings
	 * @param version the cascade version
	 * @return the settings each tier opened with, cheapest tier first
	 */
	public static List<OrtOptions> load(ModelResolver resolver, OrtOptions defaults, CascadeVersion version) {
		List<OrtOptions> options = new ArrayList<>();
		new RegistryCascadeVersionLoader(resolver, defaults, WrappedKinds.of((kind, spec, source) -> {
			options.add(spec.onnxRuntime());
			return kind.open(spec, source);
		})).load(version).close();
		return List.copyOf(options);
	}

}
