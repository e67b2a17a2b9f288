package dev.tango.runtime.cascade;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.tango.core.cascade.Stage;
import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Tier;

/**
 * A tier opened from a {@link TierSpec}, with everything a cascade engine needs to run
 * it.
 *
 * @param tier the tier, owned by the {@link LoadedCascade}
 * @param labels the tier's labels in logit order: the identifiers it
 * {@linkplain Tier#labels() reports}, with the display names its spec gives
 * @param settings its routing settings, with its actual batch size
 * @param maxBatchDelay how long its batches may wait to fill up, zero or more
 * @param threadsPerCall how many threads one call of the tier keeps busy, at least 1
 */
public record LoadedTier(Tier tier, List<Label> labels, StageSettings settings, Duration maxBatchDelay,
		int threadsPerCall) {

	public LoadedTier {
		Objects.requireNonNull(tier, "tier");
		labels = Label.distinct(labels);
		if (!Label.ids(labels).equals(tier.labels())) {
			throw new IllegalArgumentException(
					"the tier has labels " + tier.labels() + ", not " + Label.ids(labels) + " as given");
		}
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
		if (maxBatchDelay.isNegative()) {
			throw new IllegalArgumentException("maxBatchDelay must not be negative, was " + maxBatchDelay);
		}
		if (threadsPerCall < 1) {
			throw new IllegalArgumentException("threadsPerCall must be at least 1, was " + threadsPerCall);
		}
	}

	/**
	 * Returns the tier with its settings as a core stage.
	 * @return the stage
	 */
	public Stage stage() {
		return new Stage(this.tier, this.settings);
	}

}
