package dev.tango.runtime.cascade;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Tier;

/**
 * The tiers of a {@link CascadeSpec}, opened, cheapest first. Owns the tiers: closing it
 * closes them.
 *
 * @param name the cascade's name
 * @param tiers the tiers with their settings, at least one; as {@link CascadeLoader}
 * opens them, all with the same labels in the same order
 */
public record LoadedCascade(String name, List<LoadedTier> tiers) implements AutoCloseable {

	public LoadedCascade {
		Objects.requireNonNull(name, "name");
		tiers = List.copyOf(tiers);
		if (tiers.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one tier");
		}
	}

	/**
	 * Returns the labels the cascade answers with, in logit order: the identifiers every
	 * tier shares (as {@link CascadeLoader} checks), each with the display name a tier
	 * gives it.
	 * @return an immutable list of labels
	 */
	public List<Label> labels() {
		return this.tiers.stream().map(LoadedTier::labels).reduce(Label::merge).orElseThrow();
	}

	/**
	 * Returns the tiers as core stages, ready for {@link dev.tango.core.cascade.Cascade}
	 * or {@link dev.tango.core.batching.BatchingCascade}.
	 * @return one stage per tier, cheapest first
	 */
	public List<Stage> stages() {
		return this.tiers.stream().map(LoadedTier::stage).toList();
	}

	/**
	 * Closes every tier, the last first; keeps going when one fails and rethrows the
	 * first failure. Idempotent as the tiers' {@code close()} are.
	 */
	@Override
	public void close() {
		closeAll(this.tiers.stream().map(LoadedTier::tier).toList(), null);
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
