package dev.tango.runtime.onnx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.tango.core.tier.TierException;

/**
 * The guards a tier over native resources (an ONNX model, a tokenizer) puts around its
 * calls: it refuses them once the tier is closed, and reports a tokenizer's failure as a
 * {@link TierException} naming the tier. Thread-safe.
 */
public final class TierGuard {

	private final String tier;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Creates the guard of an open tier.
	 * @param tier the tier's name, for messages
	 */
	public TierGuard(String tier) {
		this.tier = Objects.requireNonNull(tier, "tier");
	}

	/**
	 * Checks that the tier is open.
	 * @throws TierException ({@code "Tier NAME is closed"}) once {@link #close} was
	 * called
	 */
	public void checkOpen() {
		if (this.closed.get()) {
			throw new TierException("Tier " + this.tier + " is closed");
		}
	}

	/**
	 * Marks the tier closed.
	 * @return {@code true} on the first call only, when the caller is to release its
	 * resources
	 */
	public boolean close() {
		return this.closed.compareAndSet(false, true);
	}

	/**
	 * Runs a call into the tier's tokenizer.
	 * @param <T> the call's result
	 * @param call the call
	 * @return its result
	 * @throws TierException ({@code "Tier NAME failed to tokenise: MESSAGE"}) if the call
	 * throws a runtime exception, which is its cause
	 */
	public <T> T tokenise(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			throw new TierException("Tier " + this.tier + " failed to tokenise: " + ex.getMessage(), ex);
		}
	}

}
