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
 * @param intraOpThreads the ONNX Runtime intra-op threads this tier runs with, at least
 * 1, overriding the model version's options; {@code null} keeps those (or the runtime's
 * defaults)
 */
public record NewTier(ModelKey model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis,
		@Nullable Integer intraOpThreads) {

	public NewTier {
		Objects.requireNonNull(model, "model");
	}

	/**
	 * A tier that runs with its model version's thread setting.
	 * @param model the model version this tier runs
	 * @param gate the gate after this tier, {@code null} for the last
	 * @param batchSize the largest batch this tier runs
	 * @param maxBatchDelayMillis how long a batch may wait to fill up, in ms
	 */
	public NewTier(ModelKey model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis) {
		this(model, gate, batchSize, maxBatchDelayMillis, null);
	}

}
