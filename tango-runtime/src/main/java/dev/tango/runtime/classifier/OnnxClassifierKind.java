package dev.tango.runtime.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OnnxOutputs;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierRegistration;
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

	/**
	 * {@inheritDoc}
	 * <p>
	 * Where the model declares the width of its output
	 * {@value OnnxClassifierTier#OUTPUT}, it is {@code [batch, labels]} with one column
	 * per label of the spec.
	 */
	@Override
	public void checkContents(TierSpec spec, ArtifactSource source) throws IOException {
		Path model = source.file(spec.requireArtifact("model").uri(), null);
		Optional<long[]> shape = OnnxOutputs.declaredShape(model, OnnxClassifierTier.OUTPUT);
		if (shape.isEmpty()) {
			return;
		}
		long[] dims = shape.get();
		if (dims.length != 2) {
			throw new IOException("The model's output " + OnnxClassifierTier.OUTPUT + " has rank " + dims.length
					+ ", expected [batch, labels]");
		}
		if (dims[1] != OnnxOutputs.UNKNOWN && dims[1] != spec.labels().size()) {
			throw new IOException("The model's output " + OnnxClassifierTier.OUTPUT + " gives " + dims[1]
					+ " classes, but the tier has " + spec.labels().size() + " labels " + spec.labelIds());
		}
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
	 * {@inheritDoc}
	 * @return the model (with the spec's sha256, if any) and tokenizer; the labels of the
	 * {@code config} artifact's {@code id2label} where the spec gives none, else the
	 * spec's, which take their display names from {@code id2label} where they have none
	 * and it names them otherwise (as {@code NEGATIVE} for {@code 0}); the token limit of
	 * the {@code maxTokens} option, else the configuration's positions, else
	 * {@value OnnxClassifierTier#DEFAULT_MAX_TOKENS}; the activation (the configuration's
	 * where there is one, else the spec's) as the {@code activation} option
	 */
	@Override
	public TierRegistration registration(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact model = spec.requireArtifact("model");
		TierArtifact configArtifact = spec.artifact("config");
		ClassifierConfig config;
		List<Label> labels;
		if (configArtifact != null) {
			try (InputStream in = source.open(configArtifact.uri())) {
				config = ClassifierConfig.read(in, configArtifact.uri());
			}
			labels = labels(spec, config, configArtifact.uri());
		}
		else {
			config = new ClassifierConfig(spec.labelIds(), activation(spec), null);
			labels = spec.labels();
		}
		Integer given = maxTokens(spec);
		int maxTokens = (given != null) ? given
				: (config.maxPositions() != null) ? config.maxPositions() : OnnxClassifierTier.DEFAULT_MAX_TOKENS;
		return new TierRegistration(spec.nameOr(model.folderName()),
				Map.of("model", model, "tokenizer", TierArtifact.of(spec.requireArtifact("tokenizer").uri())), labels,
				maxTokens, null, Map.of(ACTIVATION, config.activation().id()), OnnxClassifierTier.DEFAULT_BATCH_SIZE,
				"Exported classifier " + model.uri());
	}

	/**
	 * Returns a classifier's labels from its configuration: the values of
	 * {@code id2label} without labels in the spec; else the spec's, one per
	 * {@code id2label} entry, a label without a display name taking its {@code id2label}
	 * value as one where that differs from its identifier.
	 */
	private static List<Label> labels(TierSpec spec, ClassifierConfig config, String configUri) throws IOException {
		List<String> names = config.labels();
		if (spec.labels().isEmpty()) {
			return Label.of(names);
		}
		if (spec.labels().size() != names.size()) {
			throw new IOException(configUri + " maps " + names.size() + " outputs in id2label, the descriptor names "
					+ spec.labels().size() + " labels " + spec.labelIds());
		}
		List<Label> labels = new ArrayList<>(names.size());
		for (int i = 0; i < names.size(); i++) {
			Label given = spec.labels().get(i);
			boolean named = given.displayName() != null || given.id().equals(names.get(i));
			labels.add(named ? given : new Label(given.id(), names.get(i)));
		}
		return labels;
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
		return spec.intOption(MAX_TOKENS, 4);
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
