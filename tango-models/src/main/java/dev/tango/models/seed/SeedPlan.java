package dev.tango.models.seed;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.Gate;
import dev.tango.models.registry.NewModelVersion;

/**
 * What a cascade descriptor asks the registry for: one model version per tier, then a
 * cascade version over them.
 *
 * @param cascade the cascade's name
 * @param tiers the tiers, cheapest first
 */
record SeedPlan(String cascade, List<Tier> tiers) {

	SeedPlan {
		Objects.requireNonNull(cascade, "cascade");
		tiers = List.copyOf(tiers);
	}

	/**
	 * One tier.
	 *
	 * @param model the model version it runs (registered unless an identical one exists)
	 * @param gate the gate after it, {@code null} for the last tier
	 * @param batchSize the largest batch
	 * @param maxBatchDelayMillis how long a batch may wait to fill up
	 * @param intraOpThreads the ONNX Runtime intra-op threads, or {@code null} for the
	 * model version's options
	 */
	record Tier(NewModelVersion model, @Nullable Gate gate, int batchSize, int maxBatchDelayMillis,
			@Nullable Integer intraOpThreads) {

		Tier {
			Objects.requireNonNull(model, "model");
		}

	}

}
