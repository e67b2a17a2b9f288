package dev.tango.runtime.cascade.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierSpec;

/**
 * A tier kind that only tests know, added as a plug-in without touching main code: a
 * {@code rules} artifact lists one label per line with its keywords
 * ({@code label: word word}); an input's logit for a label is the option {@code weight}
 * times the number of that label's keywords it contains.
 */
public final class KeywordKind implements TierKind {

	@Override
	public String name() {
		return "test-keywords";
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of("rules");
	}

	@Override
	public Set<String> optionNames() {
		return Set.of("weight");
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		spec.requireArtifact("rules");
		weight(spec);
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		List<String> labels = new ArrayList<>();
		List<Set<String>> keywords = new ArrayList<>();
		try (InputStream in = source.open(spec.requireArtifact("rules").uri());
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					labels.add(line.substring(0, colon).trim());
					keywords.add(Set.of(line.substring(colon + 1).trim().split("\\s+")));
				}
			}
		}
		return new KeywordTier(spec.nameOr("keywords"), List.copyOf(labels), List.copyOf(keywords), weight(spec));
	}

	private static float weight(TierSpec spec) {
		try {
			return Float.parseFloat(spec.options().getOrDefault("weight", "1"));
		}
		catch (NumberFormatException ex) {
			throw new InvalidTierSpecException("weight",
					"must be a number, was '" + spec.options().get("weight") + "'");
		}
	}

	private record KeywordTier(String name, List<String> labels, List<Set<String>> keywords,
			float weight) implements Tier {

		@Override
		public int preferredBatchSize() {
			return 4;
		}

		@Override
		public int maxInputTokens() {
			return 1000;
		}

		@Override
		public List<Scores> classify(List<TextInput> inputs) {
			List<Scores> scores = new ArrayList<>();
			for (TextInput input : inputs) {
				Set<String> words = new HashSet<>(List.of(input.text().toLowerCase(Locale.ROOT).split("\\W+")));
				float[] logits = new float[this.labels.size()];
				for (int i = 0; i < logits.length; i++) {
					logits[i] = this.weight * this.keywords.get(i).stream().filter(words::contains).count();
				}
				scores.add(new Scores(logits, false));
			}
			return scores;
		}

	}

}
