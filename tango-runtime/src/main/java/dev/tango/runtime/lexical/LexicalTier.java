package dev.tango.runtime.lexical;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tango.core.tier.AbstractTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;

/**
 * A lexical tier: a linear softmax model over hashed word unigram and bigram features
 * ({@link LexicalFeaturizer}). It reads texts of any length whole (never truncates),
 * costs microseconds per input and holds no native resources. Thread-safe and immutable.
 */
public final class LexicalTier extends AbstractTier {

	/** The batch size reported: batching brings this tier nothing. */
	public static final int DEFAULT_BATCH_SIZE = 64;

	private final LexicalFeaturizer featurizer;

	private final LinearHead head;

	/**
	 * Creates a tier.
	 * @param name the tier's name
	 * @param spec the feature settings the head was fitted with
	 * @param head the head, {@code 2^k} columns
	 */
	public LexicalTier(String name, LexicalSpec spec, LinearHead head) {
		super(name, Objects.requireNonNull(head, "head").labels(), Activation.SOFTMAX, DEFAULT_BATCH_SIZE);
		this.featurizer = new LexicalFeaturizer(spec);
		this.head = head;
		if (head.dimension() != spec.buckets()) {
			throw new IllegalArgumentException(
					"Head has " + head.dimension() + " columns, the features have " + spec.buckets() + " buckets");
		}
	}

	/**
	 * Creates a tier from a lexical head file.
	 * @param name the tier's name
	 * @param head the head file
	 * @return the tier
	 * @throws IllegalArgumentException if the file is not a lexical-linear head
	 */
	public static LexicalTier of(String name, HeadFile head) {
		try {
			return new LexicalTier(name, head.requireLexical(), head.head());
		}
		catch (IllegalStateException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Returns {@link Integer#MAX_VALUE}: texts are read whole.
	 */
	@Override
	public int maxInputTokens() {
		return Integer.MAX_VALUE;
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs) {
		List<Scores> scores = new ArrayList<>(inputs.size());
		try {
			for (TextInput input : inputs) {
				SparseVector x = this.featurizer.features(input);
				scores.add(new Scores(this.head.logits(x.indices(), x.values()), false));
			}
		}
		catch (RuntimeException ex) {
			throw new TierException("Tier " + name() + " failed: " + ex.getMessage(), ex);
		}
		return scores;
	}

	@Override
	public String toString() {
		return "LexicalTier[" + name() + ", " + this.head.labels().size() + " labels, "
				+ this.featurizer.spec().buckets() + " buckets]";
	}

}
