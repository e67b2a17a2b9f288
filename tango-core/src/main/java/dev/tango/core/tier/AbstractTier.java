package dev.tango.core.tier;

import java.util.List;
import java.util.Objects;

/**
 * A base for tiers whose name, labels, activation and preferred batch size are fixed when
 * they are made: it holds them and answers {@link #name()}, {@link #labels()},
 * {@link #activation()} and {@link #preferredBatchSize()}; a subclass adds the model.
 * Those four answers are immutable and thread-safe.
 */
public abstract class AbstractTier implements Tier {

	private final String name;

	private final List<String> labels;

	private final Activation activation;

	private final int preferredBatchSize;

	/**
	 * Creates a tier.
	 * @param name the tier's name
	 * @param labels the label identifiers, in the order of the logits (copied)
	 * @param activation how logits become probabilities
	 * @param preferredBatchSize the batch size to report, at least 1
	 * @throws IllegalArgumentException if {@code preferredBatchSize} is below 1
	 */
	protected AbstractTier(String name, List<String> labels, Activation activation, int preferredBatchSize) {
		this.name = Objects.requireNonNull(name, "name");
		this.labels = List.copyOf(labels);
		this.activation = Objects.requireNonNull(activation, "activation");
		if (preferredBatchSize < 1) {
			throw new IllegalArgumentException("preferredBatchSize must be at least 1, was " + preferredBatchSize);
		}
		this.preferredBatchSize = preferredBatchSize;
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final List<String> labels() {
		return this.labels;
	}

	@Override
	public final Activation activation() {
		return this.activation;
	}

	@Override
	public final int preferredBatchSize() {
		return this.preferredBatchSize;
	}

}
