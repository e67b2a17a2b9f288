package dev.tango.runtime.cascade;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;
import dev.tango.runtime.head.Pooling;

/**
 * What a registry records of a tier that a descriptor names, as its kind describes it
 * ({@link TierKind#registration}): the model version that the tier opens, and the batch
 * size it gets when the descriptor gives none. Immutable.
 *
 * @param name the model's name: the name the opened tier has
 * @param artifacts the artifacts the tier reads, by role, with their sha256 where the
 * spec or the files it read give one ({@code null}: the registry takes it from the
 * content)
 * @param labels the labels in output order
 * @param maxInputLength the longest input the tier reads, in its units (tokens for an
 * encoder); {@link #UNLIMITED_INPUT} for a tier that reads texts whole
 * @param pooling how an encoder's tokens are pooled, or {@code null} for a tier without
 * an encoder
 * @param options the kind's own settings by name, as the registry stores them
 * @param defaultBatchSize the batch size the tier gets when the descriptor gives none
 * @param description what the tier is, for people, or {@code null}
 */
public record TierRegistration(String name, Map<String, TierArtifact> artifacts, List<Label> labels, int maxInputLength,
		@Nullable Pooling pooling, Map<String, String> options, int defaultBatchSize, @Nullable String description) {

	/** The input limit of a tier that reads texts whole: the largest a registry takes. */
	public static final int UNLIMITED_INPUT = 1_000_000;

	/** The batch size of a kind that names none of its own. */
	public static final int DEFAULT_BATCH_SIZE = 32;

	public TierRegistration {
		Objects.requireNonNull(name, "name");
		artifacts = Map.copyOf(artifacts);
		labels = List.copyOf(labels);
		options = Map.copyOf(options);
	}

	/**
	 * Returns a tier's labels when its artifact (a head file) lists them: the spec's,
	 * with their display names, which must have the identifiers the artifact gives; else
	 * the artifact's, without display names.
	 * @param spec the tier's spec
	 * @param artifactLabels the labels the artifact gives, in output order
	 * @param artifact the artifact's URI, for the message
	 * @return the labels
	 * @throws IOException if the spec names other labels than the artifact
	 */
	public static List<Label> labels(TierSpec spec, List<String> artifactLabels, String artifact) throws IOException {
		if (spec.labels().isEmpty()) {
			return Label.of(artifactLabels);
		}
		if (!spec.labelIds().equals(artifactLabels)) {
			throw new IOException(
					artifact + " has labels " + artifactLabels + ", but the tier is given " + spec.labelIds());
		}
		return spec.labels();
	}

	/**
	 * Checks that a registry's record of a tier says what this description, read from the
	 * tier's files, says: the same label identifiers in the same order; the same input
	 * limit, where this description has one; the same pooling, where it has one; and, for
	 * each artifact this description gives a sha256 of, the same sha256 in the record.
	 * @param recorded what the registry records of the tier
	 * @throws IllegalArgumentException naming the first field the two disagree on
	 */
	public void requireRecordedAs(TierRegistration recorded) {
		List<String> ids = Label.ids(this.labels);
		if (!ids.equals(Label.ids(recorded.labels))) {
			throw new IllegalArgumentException(
					"labels are " + Label.ids(recorded.labels) + ", but the tier's files give " + ids);
		}
		if (this.maxInputLength != UNLIMITED_INPUT && this.maxInputLength != recorded.maxInputLength) {
			throw new IllegalArgumentException("maxInputLength is " + recorded.maxInputLength
					+ ", but the tier's files give inputs of at most " + this.maxInputLength + " tokens");
		}
		if (this.pooling != null && this.pooling != recorded.pooling) {
			throw new IllegalArgumentException(
					"pooling is " + recorded.pooling + ", but the tier's files give " + this.pooling + " pooling");
		}
		this.artifacts.forEach((role, artifact) -> {
			TierArtifact record = recorded.artifacts.get(role);
			if (artifact.sha256() != null && record != null && !artifact.sha256().equals(record.sha256())) {
				throw new IllegalArgumentException("the " + role + " artifact has sha256 " + record.sha256()
						+ ", but the tier's files name the " + role + " with sha256 " + artifact.sha256());
			}
		});
	}

}
