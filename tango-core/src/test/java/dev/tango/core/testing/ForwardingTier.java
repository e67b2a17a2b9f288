package dev.tango.core.testing;

import java.util.List;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;

/**
 * A tier for tests that wraps another and forwards every call to it, so that a test
 * changes only what it is about (a tier that is slow, one that records its closing) and
 * keeps the wrapped tier's name, labels, activation, limits, lengths and results. A
 * record implements it by naming its wrapped tier {@code delegate}. As thread-safe as the
 * wrapped tier.
 */
public interface ForwardingTier extends Tier {

	/**
	 * Returns the wrapped tier.
	 * @return the tier every call goes to
	 */
	Tier delegate();

	@Override
	default String name() {
		return delegate().name();
	}

	@Override
	default List<String> labels() {
		return delegate().labels();
	}

	@Override
	default Activation activation() {
		return delegate().activation();
	}

	@Override
	default int preferredBatchSize() {
		return delegate().preferredBatchSize();
	}

	@Override
	default int maxInputTokens() {
		return delegate().maxInputTokens();
	}

	@Override
	default int length(TextInput input) {
		return delegate().length(input);
	}

	@Override
	default List<Scores> classify(List<TextInput> inputs) {
		return delegate().classify(inputs);
	}

	@Override
	default void close() {
		delegate().close();
	}

}
