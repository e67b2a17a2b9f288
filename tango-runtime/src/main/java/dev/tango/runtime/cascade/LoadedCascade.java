package dev.tango.runtime.cascade;

import java.util.List;
import java.util.Objects;

import dev.tango.core.tier.Tier;

/**
 * The tiers of a cascade descriptor, opened, cheapest first. Owns the tiers: closing it
 * closes them.
 *
 * @param name the cascade's name
 * @param tiers the tiers with their settings
 */
public record LoadedCascade(String name, List<LoadedTier> tiers) implements AutoCloseable {

	public LoadedCascade {
		Objects.requireNonNull(name, "name");
		tiers = List.copyOf(tiers);
	}

	/**
	 * Closes every tier, the last first; keeps going when one fails and rethrows the
	 * first failure. Idempotent as the tiers' {@code close()} are.
	 */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (int i = this.tiers.size() - 1; i >= 0; i--) {
			Tier tier = this.tiers.get(i).tier();
			try {
				tier.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
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
