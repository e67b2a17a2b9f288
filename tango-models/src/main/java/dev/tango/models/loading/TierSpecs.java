package dev.tango.models.loading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * files (or endpoints): the registry's one translation into the value model the loader
 * opens. The kind's options are those of the model version's options that the kind names,
 * the version's input limit as {@value #MAX_TOKENS} where the kind takes that option.
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
	 * options and settings it takes
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
			artifacts.put(file.getKey().id(), new TierArtifact(file.getValue().toString(), null, externalData));
		}
		resolved.endpoints()
			.forEach((role, endpoint) -> artifacts.put(role.id(), TierArtifact.of(endpoint.toString())));
		Map<String, String> options = new LinkedHashMap<>();
		model.options().forEach((name, value) -> {
			if (kind.optionNames().contains(name)) {
				options.put(name, value);
			}
		});
		if (kind.optionNames().contains(MAX_TOKENS)) {
			options.put(MAX_TOKENS, Integer.toString(model.maxInputLength()));
		}
		OrtOptions onnxRuntime = EngineOptions.ortOptions(model.options(), defaults);
		if (tier.intraOpThreads() != null) {
			onnxRuntime = onnxRuntime.withIntraOpThreads(tier.intraOpThreads());
		}
		return new TierSpec(kind.name(), model.key().toString(), artifacts, model.labels(), options, onnxRuntime,
				tier.batchSize(), tier.settings(), Duration.ofMillis(tier.maxBatchDelayMillis()));
	}

}
