package dev.tango.runtime.onnx;

import java.util.List;

import dev.tango.core.tier.AbstractTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.text.TextTokenizer;

/**
 * A base for local tiers that tokenise with a {@link TextTokenizer} and run a model on
 * native resources: the tokenizer's limit is the tier's {@link #maxInputTokens()}, its
 * token count an input's {@link #length(TextInput) length}; its failures and calls after
 * {@link #close()} are reported through the tier's {@link TierGuard}. A subclass
 * classifies and releases its resources in {@link #release()}, called once. Thread-safe
 * as its tokenizer.
 */
public abstract class TokenizedTier extends AbstractTier {

	private final TextTokenizer tokenizer;

	private final TierGuard guard;

	/**
	 * Creates a tier.
	 * @param name the tier's name
	 * @param labels the label identifiers, in the order of the logits
	 * @param activation how logits become probabilities
	 * @param preferredBatchSize the batch size to report, at least 1
	 * @param tokenizer the tokenizer, released by the subclass (or the object that owns
	 * it) in {@link #release()}
	 */
	protected TokenizedTier(String name, List<String> labels, Activation activation, int preferredBatchSize,
			TextTokenizer tokenizer) {
		super(name, labels, activation, preferredBatchSize);
		this.tokenizer = tokenizer;
		this.guard = new TierGuard(name);
	}

	/**
	 * Returns the guard of this tier's calls.
	 * @return the guard
	 */
	protected final TierGuard guard() {
		return this.guard;
	}

	@Override
	public final int maxInputTokens() {
		return this.tokenizer.maxTokens();
	}

	/**
	 * Returns the input's token count after truncation, special tokens included.
	 */
	@Override
	public final int length(TextInput input) {
		return this.guard.tokenise(() -> this.tokenizer.length(input));
	}

	/**
	 * Returns how many inputs this tier has tokenised; inputs already tokenised by a tier
	 * with the same tokenizer are not counted.
	 * @return the count
	 */
	public final long tokenisations() {
		return this.tokenizer.encodings();
	}

	/**
	 * Releases the tier's resources on the first call. Idempotent.
	 */
	@Override
	public final void close() {
		if (this.guard.close()) {
			release();
		}
	}

	/**
	 * Releases the model and the tokenizer; called once, by the first {@link #close()}.
	 */
	protected abstract void release();

}
