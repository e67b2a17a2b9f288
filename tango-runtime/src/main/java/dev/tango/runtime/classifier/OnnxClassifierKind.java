package dev.tango.runtime.classifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierSpec;

/**
 * The {@code onnx-classifier} tier kind: a HuggingFace sequence classifier exported to
 * ONNX ({@code model}, {@code tokenizer}). Its labels and activation come from the spec's
 * labels and {@code activation} option ({@code softmax}, the default, or {@code sigmoid})
 * when the spec has labels, else from a {@code config} artifact (a HuggingFace
 * {@code config.json}). Option {@code maxTokens} caps the input length. Opens an
 * {@link OnnxClassifierTier}.
 */
public final class OnnxClassifierKind implements TierKind {

	/** The kind's name. */
	public static final String NAME = "onnx-classifier";

	/** The option that caps the input length in tokens. */
	public static final String MAX_TOKENS = "maxTokens";

	/** The option that names the activation when the spec gives the labels. */
	public static final String ACTIVATION = "activation";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of("model", "tokenizer", "config");
	}

	@Override
	public Set<String> optionNames() {
		return Set.of(MAX_TOKENS, ACTIVATION);
	}

	/**
	 * {@inheritDoc}
	 * @return required for {@code model} and {@code tokenizer}; a registered version
	 * gives its labels, so {@code config} is optional
	 */
	@Override
	public ArtifactNeed artifactNeed(String role) {
		return (role.equals("model") || role.equals("tokenizer")) ? ArtifactNeed.REQUIRED
				: TierKind.super.artifactNeed(role);
	}

	@Override
	public boolean runsOnnxRuntime() {
		return true;
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		spec.requireArtifact("model");
		spec.requireArtifact("tokenizer");
		if (spec.labels().isEmpty()) {
			spec.requireArtifact("config");
			if (spec.options().containsKey(ACTIVATION)) {
				throw new InvalidTierSpecException(ACTIVATION,
						"give it with the labels; without them the config artifact says it");
			}
		}
		maxTokens(spec);
		activation(spec);
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact model = spec.requireArtifact("model");
		String name = spec.nameOr(model.folderName());
		OnnxModelFile modelFile = model.onnxModel(source.file(model.uri(), model.sha256()));
		Path tokenizer = file(source, spec.requireArtifact("tokenizer"));
		ClassifierConfig config = config(spec, source);
		int batchSize = (spec.batchSize() != null) ? spec.batchSize() : OnnxClassifierTier.DEFAULT_BATCH_SIZE;
		return OnnxClassifierTier.open(name, modelFile, tokenizer, config, maxTokens(spec), batchSize,
				spec.onnxRuntime());
	}

	/**
	 * Returns the labels and activation of a spec: its own labels and {@code activation}
	 * option when it has labels, else those of its {@code config} artifact.
	 * @param spec a valid spec of this kind
	 * @param source resolves the config artifact
	 * @return the labels in output order and the activation
	 * @throws IOException if the config artifact cannot be read
	 */
	public static ClassifierConfig config(TierSpec spec, ArtifactSource source) throws IOException {
		return spec.labels().isEmpty() ? ClassifierConfig.read(file(source, spec.requireArtifact("config")))
				: new ClassifierConfig(spec.labelIds(), activation(spec), null);
	}

	private static Path file(ArtifactSource source, TierArtifact artifact) throws IOException {
		return source.file(artifact.uri(), artifact.sha256());
	}

	private static @Nullable Integer maxTokens(TierSpec spec) {
		String value = spec.options().get(MAX_TOKENS);
		if (value == null) {
			return null;
		}
		try {
			int tokens = Integer.parseInt(value.trim());
			if (tokens >= 4) {
				return tokens;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidTierSpecException(MAX_TOKENS, "must be an integer of at least 4, was '" + value + "'");
	}

	private static Activation activation(TierSpec spec) {
		String value = spec.options().getOrDefault(ACTIVATION, "softmax");
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "softmax" -> Activation.SOFTMAX;
			case "sigmoid" -> Activation.SIGMOID;
			default ->
				throw new InvalidTierSpecException(ACTIVATION, "must be softmax or sigmoid, was '" + value + "'");
		};
	}

}
