package dev.tango.core.cascade;

import java.util.List;

/**
 * The answers of a cascade for a list of inputs.
 *
 * @param predictions one prediction per input, in input order
 * @param tiers what each tier did, in cascade order (a tier no input reached has zero
 * counts)
 * @param nanos the wall-clock time of the whole call, in nanoseconds
 */
public record CascadeResult(List<Prediction> predictions, List<TierStats> tiers, long nanos) {

	public CascadeResult {
		predictions = List.copyOf(predictions);
		tiers = List.copyOf(tiers);
	}

}
