package dev.tango.models.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierSpec;

/**
 * The {@value #NAME} tier kind, which only tests know: its {@code head} artifact, a text
 * file, lists one label per line with its words ({@code label: word word}), in the model
 * version's label order; an input's logit for a label is the option {@value #WEIGHT}
 * times the number of that label's words it contains.
 */
public final class VocabularyKind implements TierKind {

	/** The kind's name. */
	public static final String NAME = "test-vocabulary";

	/** The option that scales the logits, a number (1 by default). */
	public static final String WEIGHT = "weight";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of("head");
	}

	@Override
	public ArtifactNeed artifactNeed(String role) {
		return role.equals("head") ? ArtifactNeed.REQUIRED : ArtifactNeed.ABSENT;
	}

	@Override
	public Set<String> optionNames() {
		return Set.of(WEIGHT);
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		spec.requireArtifact("head");
		weight(spec);
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		List<String> labels = new ArrayList<>();
		Map<String, Integer> labelOfWord = new HashMap<>();
		try (InputStream in = source.open(spec.requireArtifact("head").uri())) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String[] parts = line.split("[:\\s]+");
				if (parts.length > 1) {
					for (int i = 1; i < parts.length; i++) {
						labelOfWord.put(parts[i], labels.size());
					}
					labels.add(parts[0]);
				}
			}
		}
		if (!spec.labelIds().equals(labels)) {
			throw new IllegalArgumentException("the rules list labels " + labels + ", the spec " + spec.labelIds());
		}
		return new VocabularyTier(spec.nameOr("vocabulary"), List.copyOf(labels), Map.copyOf(labelOfWord),
				weight(spec));
	}

	@Override
	public int threadsPerCall(TierSpec spec) {
		return 1;
	}

	private static float weight(TierSpec spec) {
		String value = spec.options().getOrDefault(WEIGHT, "1");
		try {
			return Float.parseFloat(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidTierSpecException(WEIGHT, "must be a number, was '" + value + "'");
		}
	}

	/**
	 * The tier: each word of an input adds the weight to its label's logit.
	 *
	 * @param name the tier's name
	 * @param labels the labels in output order
	 * @param labelOfWord the index of the label each listed word counts for
	 * @param weight what one word adds
	 */
	record VocabularyTier(String name, List<String> labels, Map<String, Integer> labelOfWord,
			float weight) implements Tier {

		@Override
		public int preferredBatchSize() {
			return 8;
		}

		@Override
		public int maxInputTokens() {
			return 512;
		}

		@Override
		public List<Scores> classify(List<TextInput> inputs) {
			return inputs.stream().map(this::score).toList();
		}

		private Scores score(TextInput input) {
			float[] logits = new float[this.labels.size()];
			for (String word : input.text().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
				Integer label = this.labelOfWord.get(word);
				if (label != null) {
					logits[label] += this.weight;
				}
			}
			return new Scores(logits, false);
		}

	}

}
