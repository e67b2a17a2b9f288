package dev.tango.core.batching;

import java.util.List;

import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.TierStats;

/**
 * The answers of a {@link BatchingCascade} for one request.
 *
 * @param predictions one prediction per input, in input order
 * @param stages what each stage did for this request, in cascade order (a stage that none
 * of its inputs reached has zero counts)
 * @param nanos the time from submission to the last answer, in nanoseconds
 */
public record BatchingResult(List<Prediction> predictions, List<StageStats> stages, long nanos) {

	public BatchingResult {
		predictions = List.copyOf(predictions);
		stages = List.copyOf(stages);
	}

	/**
	 * Returns this result in the form of a synchronous cascade call, with each stage's
	 * compute time as the time spent in its tier.
	 * @return the result
	 */
	public CascadeResult toCascadeResult() {
		List<TierStats> tiers = this.stages.stream()
			.map((stage) -> new TierStats(stage.tier(), stage.inputs(), stage.answered(), stage.batches(),
					stage.computeNanos()))
			.toList();
		return new CascadeResult(this.predictions, tiers, this.nanos);
	}

}
