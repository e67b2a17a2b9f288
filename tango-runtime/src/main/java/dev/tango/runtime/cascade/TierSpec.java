package dev.tango.runtime.cascade;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * One tier of a {@link CascadeSpec}: which {@link TierKind} opens it, from which
 * artifacts, with which kind settings, and how the cascade routes inputs through it.
 *
 * @param kind the name of the tier's kind, such as {@code encoder-linear}
 * @param name the tier's name, or {@code null} for the kind to derive one from its
 * artifacts
 * @param artifacts the artifacts by role ({@code model}, {@code tokenizer}, {@code head},
 * {@code config}…); which roles are required or allowed is the kind's to say
 * @param labels the labels the tier must report, in output order, by identifier, with
 * their display names; empty when the tier's artifacts say them (without display names)
 * @param options the kind's own settings by name (such as {@code maxTokens} or
 * {@code activation}); which names are allowed is the kind's to say
 * @param onnxRuntime the ONNX Runtime settings (ignored by kinds that run none)
 * @param batchSize the batch size, or {@code null} for the tier's preferred one
 * @param settings the routing settings; its batch size is a placeholder when
 * {@code batchSize} is {@code null}
 * @param maxBatchDelay how long a batch of this tier may wait to fill up, zero or more
 */
public record TierSpec(String kind, @Nullable String name, Map<String, TierArtifact> artifacts, List<Label> labels,
		Map<String, String> options, OrtOptions onnxRuntime, @Nullable Integer batchSize, StageSettings settings,
		Duration maxBatchDelay) {

	public TierSpec {
		Objects.requireNonNull(kind, "kind");
		artifacts = Map.copyOf(artifacts);
		labels = labels.isEmpty() ? List.of() : Label.distinct(labels);
		options = Map.copyOf(options);
		Objects.requireNonNull(onnxRuntime, "onnxRuntime");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
		if (maxBatchDelay.isNegative()) {
			throw new IllegalArgumentException("maxBatchDelay must not be negative, was " + maxBatchDelay);
		}
		if (batchSize != null && batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
	}

	/**
	 * Returns an artifact.
	 * @param role the artifact's role
	 * @return the artifact, or {@code null} if the spec has none in that role
	 */
	public @Nullable TierArtifact artifact(String role) {
		return this.artifacts.get(role);
	}

	/**
	 * Returns an artifact the kind requires (and {@link TierKind#validate validated}).
	 * @param role the artifact's role
	 * @return the artifact
	 * @throws InvalidTierSpecException if the spec has none in that role
	 */
	public TierArtifact requireArtifact(String role) {
		TierArtifact artifact = this.artifacts.get(role);
		if (artifact == null) {
			throw new InvalidTierSpecException(role, "required");
		}
		return artifact;
	}

	/**
	 * Returns an option that must be an integer, read after trimming blanks around it.
	 * @param option the option's name
	 * @param min the least value accepted
	 * @return the value, or {@code null} if the spec does not give the option
	 * @throws InvalidTierSpecException naming the option if its value is not an integer
	 * of at least {@code min}
	 */
	public @Nullable Integer intOption(String option, int min) {
		String value = this.options.get(option);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= min) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidTierSpecException(option, "must be an integer of at least " + min + ", was '" + value + "'");
	}

	/**
	 * Returns the identifiers of the labels the spec names.
	 * @return the identifiers in output order; empty when the tier's artifacts say them
	 */
	public List<String> labelIds() {
		return Label.ids(this.labels);
	}

	/**
	 * Returns the tier's name, or a fallback when the spec names none.
	 * @param fallback the name derived from the artifacts
	 * @return the name
	 */
	public String nameOr(String fallback) {
		return (this.name != null) ? this.name : fallback;
	}

	/**
	 * Returns this spec with another batch size.
	 * @param batchSize the batch size, at least 1
	 * @return the spec
	 */
	public TierSpec withBatchSize(int batchSize) {
		return new TierSpec(this.kind, this.name, this.artifacts, this.labels, this.options, this.onnxRuntime,
				batchSize, this.settings.withBatchSize(batchSize), this.maxBatchDelay);
	}

	/**
	 * Returns this spec with other ONNX Runtime settings.
	 * @param onnxRuntime the settings
	 * @return the spec
	 */
	public TierSpec withOnnxRuntime(OrtOptions onnxRuntime) {
		return new TierSpec(this.kind, this.name, this.artifacts, this.labels, this.options, onnxRuntime,
				this.batchSize, this.settings, this.maxBatchDelay);
	}

	/**
	 * Returns this spec with every artifact URI changed, such as relative paths resolved
	 * against a folder.
	 * @param change maps a URI to the new one
	 * @return the spec
	 */
	public TierSpec withArtifactUris(UnaryOperator<String> change) {
		Map<String, TierArtifact> changed = new LinkedHashMap<>();
		this.artifacts.forEach((role, artifact) -> changed.put(role,
				new TierArtifact(change.apply(artifact.uri()), artifact.sha256(), artifact.externalData())));
		return new TierSpec(this.kind, this.name, changed, this.labels, this.options, this.onnxRuntime, this.batchSize,
				this.settings, this.maxBatchDelay);
	}

}
