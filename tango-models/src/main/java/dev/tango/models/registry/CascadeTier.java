package dev.tango.models.registry;

import org.jspecify.annotations.Nullable;

import dev.tango.core.cascade.StageSettings;

/**
 * A tier of a registered cascade version.
 *
 * @param index the tier's position, 0 for the cheapest
 * @param model the model version it runs
 * @param gate the gate after it, {@code null} for the last tier
 * @param batchSize the largest batch it runs
 * @param maxBatchDelayMillis how long a batch may wait to fill up, in ms
 * @param intraOpThreads the ONNX Runtime intra-op threads it runs with, at least 1,
 * overriding its model version's options; {@code null} when it keeps those (or the
 * runtime's defaults)
 */
public record CascadeTier(int index, ModelVersion model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis,
		@Nullable Integer intraOpThreads) {

	/**
	 * A tier that runs with its model version's thread setting.
	 * @param index the tier's position
	 * @param model the model version it runs
	 * @param gate the gate after it, {@code null} for the last tier
	 * @param batchSize the largest batch it runs
	 * @param maxBatchDelayMillis how long a batch may wait to fill up, in ms
	 */
	public CascadeTier(int index, ModelVersion model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis) {
		this(index, model, gate, batchSize, maxBatchDelayMillis, null);
	}

	/**
	 * Returns how the cascade routes inputs through this tier, in the core's shape; the
	 * last tier, without a gate, always answers.
	 * @return the settings
	 */
	public StageSettings settings() {
		return (this.gate != null) ? this.gate.settings(this.batchSize) : StageSettings.answering(this.batchSize);
	}

}
