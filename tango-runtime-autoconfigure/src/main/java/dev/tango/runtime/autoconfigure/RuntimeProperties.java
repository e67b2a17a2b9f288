package dev.tango.runtime.autoconfigure;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * The ONNX Runtime settings of loaded tiers, unless a tier says otherwise (such as a
 * registered model version's engine options, or for intra-op threads the cascade
 * version's tier).
 *
 * @param intraOpThreads threads one inference uses inside an operator; 1 gives the least
 * CPU per input
 * @param interOpThreads threads that run independent operators in parallel
 * @param graphOptimization the graph optimisation level ({@code none}, {@code basic},
 * {@code extended}, {@code all})
 * @param memoryArena whether ONNX Runtime's CPU memory arena is on
 * @param concurrency how many inferences of one tier may run at once, or {@code null} for
 * the number of available processors
 * @param activationQuantization how dynamically quantised models scale their activations:
 * {@code per-batch} as exported, or {@code per-token}, so that answers do not depend on
 * the batch
 */
@Validated
@ConfigurationProperties("tango.runtime")
public record RuntimeProperties(@DefaultValue("1") @Min(1) int intraOpThreads,
		@DefaultValue("1") @Min(1) int interOpThreads,
		@DefaultValue("extended") @NotNull GraphOptimization graphOptimization,
		@DefaultValue("true") boolean memoryArena, @Nullable @Min(1) Integer concurrency,
		@DefaultValue("per-batch") @NotNull ActivationQuantization activationQuantization) {

	/**
	 * Returns these settings as runtime options.
	 * @return the options
	 */
	public OrtOptions ortOptions() {
		OrtOptions defaults = OrtOptions.defaults();
		return new OrtOptions(this.intraOpThreads, this.interOpThreads, this.graphOptimization, this.memoryArena,
				(this.concurrency != null) ? this.concurrency : defaults.concurrency(), this.activationQuantization);
	}

}
