package dev.tango.runtime.testsupport;

import java.util.ArrayList;
import java.util.List;

import dev.tango.core.tier.AbstractTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;

/**
 * A two-label test tier ({@code neg}, {@code pos}): an input holding the tier's keyword
 * gets the logits {@code [0, strength]} (confident), any other {@code [strength / 4, 0]}
 * (less so); a tier that depends on its batch adds the batch's size to the winning logit.
 * Records its batches.
 */
public final class KeywordTier extends AbstractTier {

	private final String keyword;

	private final float strength;

	private final boolean batchDependent;

	private final List<List<TextInput>> batches = new ArrayList<>();

	public KeywordTier(String name, String keyword, float strength, boolean batchDependent) {
		super(name, List.of("neg", "pos"), Activation.SOFTMAX, 4);
		this.keyword = keyword;
		this.strength = strength;
		this.batchDependent = batchDependent;
	}

	@Override
	public int maxInputTokens() {
		return Integer.MAX_VALUE;
	}

	@Override
	public synchronized List<Scores> classify(List<TextInput> inputs) {
		this.batches.add(List.copyOf(inputs));
		List<Scores> scores = new ArrayList<>();
		float extra = this.batchDependent ? inputs.size() : 0;
		for (TextInput input : inputs) {
			boolean hit = input.text().contains(this.keyword);
			scores.add(new Scores(
					hit ? new float[] { 0, this.strength + extra } : new float[] { this.strength / 4 + extra, 0 },
					false));
		}
		return scores;
	}

	/**
	 * Returns the batches received, in order.
	 * @return the batches
	 */
	public synchronized List<List<TextInput>> batches() {
		return List.copyOf(this.batches);
	}

}
