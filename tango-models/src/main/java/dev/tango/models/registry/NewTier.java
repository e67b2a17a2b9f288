package dev.tango.models.registry;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A tier of a cascade version to create.
 *
 * @param model the model version this tier runs
 * @param gate the gate after this tier; required for every tier but the last, which must
 * have none
 * @param batchSize the largest batch this tier runs, 1 to 4096
 * @param maxBatchDelayMillis how long a batch may wait to fill up, 0 to 60000 ms
 */
public record NewTier(ModelKey model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis) {

	public NewTier {
		Objects.requireNonNull(model, "model");
	}

}
