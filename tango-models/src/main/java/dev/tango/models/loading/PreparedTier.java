package dev.tango.models.loading;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Activation;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * A tier whose artifacts are verified local files and whose settings are checked, ready
 * to open.
 *
 * @param tier the tier of the cascade version
 * @param resolved its model version's verified files
 * @param head the parsed head file of an encoder or lexical model, else {@code null}
 * @param options the ONNX Runtime settings
 * @param activation how the model's logits become probabilities
 */
record PreparedTier(CascadeTier tier, ResolvedModel resolved, @Nullable HeadFile head, OrtOptions options,
		Activation activation) {

	PreparedTier {
		Objects.requireNonNull(tier, "tier");
		Objects.requireNonNull(resolved, "resolved");
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(activation, "activation");
	}

	/** The model version. */
	ModelVersion model() {
		return this.tier.model();
	}

	/** The name the tier reports: the model version's key, {@code name:version}. */
	String name() {
		return model().key().toString();
	}

	/** A verified local file. */
	Path file(ArtifactRole role) {
		return Objects.requireNonNull(this.resolved.files().get(role), () -> "No " + role + " file");
	}

	/** The head file. */
	HeadFile requireHead() {
		return Objects.requireNonNull(this.head, "head");
	}

}
