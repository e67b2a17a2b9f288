package dev.tango.models.loading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * The runtime's {@link TierSpec} of a registered tier whose artifacts are verified local
 * files: the registry's one translation into the value model the loader opens.
 */
final class TierSpecs {

	/** The kind option that caps an input's length in tokens. */
	static final String MAX_TOKENS = "maxTokens";

	private TierSpecs() {
	}

	/**
	 * Builds the spec of a tier.
	 * @param tier the tier of the cascade version
	 * @param resolved its model version's verified files
	 * @param kind the tier's kind, whose option names say which of the model version's
	 * settings it takes
	 * @param defaults the runtime's ONNX Runtime settings, under the model version's
	 * options and the tier's threads
	 * @return the spec
	 * @throws IllegalArgumentException if the model version's engine options are invalid
	 */
	static TierSpec of(CascadeTier tier, ResolvedModel resolved, TierKind kind, OrtOptions defaults) {
		ModelVersion model = tier.model();
		Map<String, TierArtifact> artifacts = new LinkedHashMap<>();
		for (Map.Entry<ArtifactRole, Path> file : resolved.files().entrySet()) {
			Map<String, String> externalData = (file.getKey() == ArtifactRole.MODEL) ? resolved.externalData()
					: Map.of();
			artifacts.put(role(file.getKey()), new TierArtifact(file.getValue().toString(), null, externalData));
		}
		Map<String, String> options = new LinkedHashMap<>();
		if (kind.optionNames().contains(MAX_TOKENS)) {
			options.put(MAX_TOKENS, Integer.toString(model.maxInputLength()));
		}
		if (kind.optionNames().contains(EngineOptions.ACTIVATION)) {
			options.put(EngineOptions.ACTIVATION, EngineOptions.id(EngineOptions.activation(model.options())));
		}
		OrtOptions onnxRuntime = EngineOptions.ortOptions(model.options(), defaults);
		if (tier.intraOpThreads() != null) {
			onnxRuntime = onnxRuntime.withIntraOpThreads(tier.intraOpThreads());
		}
		return new TierSpec(kind.name(), model.key().toString(), artifacts, model.labels(), options, onnxRuntime,
				tier.batchSize(), tier.settings(), Duration.ofMillis(tier.maxBatchDelayMillis()));
	}

	/**
	 * Returns the spec's name of an artifact role.
	 * @param role the registry's role
	 * @return the role's name in tier specs, such as {@code model}
	 */
	static String role(ArtifactRole role) {
		return role.name().toLowerCase(Locale.ROOT);
	}

}
