package dev.tango.admin.registry.web;

import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.confidence.ConfidenceMeasures;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;

/**
 * A cascade version to create.
 *
 * @param tiers the tiers, cheapest first
 * @param description free text, or {@code null}
 */
record CascadeVersionRequest(@NotEmpty List<@Valid @NotNull Tier> tiers, @Nullable String description) {

	NewCascadeVersion toNew(String cascade, String actor) {
		List<NewTier> newTiers = this.tiers.stream().map(Tier::toNew).toList();
		return new NewCascadeVersion(cascade, newTiers, this.description, actor);
	}

	/**
	 * A tier.
	 *
	 * @param model the model version, {@code name:version}
	 * @param threshold the gate's threshold; required on every tier but the last, absent
	 * on the last
	 * @param confidence the name of the gate's confidence measure
	 * ({@code MAX_PROBABILITY}, {@code MARGIN}, {@code ENTROPY} or a plug-in's), max
	 * probability by default
	 * @param temperature the gate's temperature, 1 by default
	 * @param batchSize the largest batch, 1 by default
	 * @param maxBatchDelayMillis how long a batch may wait to fill, 0 by default
	 * @param intraOpThreads the ONNX Runtime intra-op threads, at least 1; by default
	 * those of the model version's options, else the runtime's
	 */
	record Tier(@NotNull String model, @Nullable Double threshold, @Nullable String confidence,
			@Nullable Double temperature, @Nullable Integer batchSize, @Nullable Integer maxBatchDelayMillis,
			@Nullable @Min(1) Integer intraOpThreads) {

		NewTier toNew() {
			Gate gate = (this.threshold == null) ? null
					: new Gate(this.threshold,
							(this.confidence != null) ? measure(this.confidence) : ConfidenceMeasure.MAX_PROBABILITY,
							Objects.requireNonNullElse(this.temperature, 1.0));
			return new NewTier(ModelKey.parse(this.model), gate, Objects.requireNonNullElse(this.batchSize, 1),
					Objects.requireNonNullElse(this.maxBatchDelayMillis, 0), this.intraOpThreads);
		}

		private static ConfidenceMeasure measure(String name) {
			try {
				return ConfidenceMeasures.of(name);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRegistryRequestException(ex.getMessage());
			}
		}

	}

}
