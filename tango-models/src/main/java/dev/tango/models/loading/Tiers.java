package dev.tango.models.loading;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Tier;

/**
 * Closing several tiers.
 */
final class Tiers {

	private Tiers() {
	}

	/**
	 * Closes tiers, the last first, going on when one fails.
	 * @param tiers the tiers
	 * @param pending a failure being thrown already, which collects the closing failures
	 * as suppressed ones, or {@code null} to throw the first closing failure
	 */
	static void closeAll(List<Tier> tiers, @Nullable Throwable pending) {
		RuntimeException failure = null;
		for (int i = tiers.size() - 1; i >= 0; i--) {
			try {
				tiers.get(i).close();
			}
			catch (RuntimeException ex) {
				if (pending != null) {
					pending.addSuppressed(ex);
				}
				else if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
