package dev.tango.core.calibration;

import java.util.Arrays;
import java.util.List;

/**
 * The measured cost of each tier of a cascade, per input, at the tier's batch size.
 *
 * @param nanosPerInput the cost of each tier in nanoseconds per input, cheapest tier
 * first: at least one, each positive and finite
 */
public record TierCosts(List<Double> nanosPerInput) {

	public TierCosts {
		nanosPerInput = List.copyOf(nanosPerInput);
		if (nanosPerInput.isEmpty()) {
			throw new IllegalArgumentException("Costs need at least one tier");
		}
		for (int k = 0; k < nanosPerInput.size(); k++) {
			double nanos = nanosPerInput.get(k);
			if (!(nanos > 0) || Double.isInfinite(nanos)) {
				throw new IllegalArgumentException("cost of tier " + k + " must be a positive number, was " + nanos);
			}
		}
	}

	/**
	 * Returns the costs of the given tiers.
	 * @param nanosPerInput the cost of each tier in nanoseconds per input
	 * @return the costs
	 */
	public static TierCosts of(double... nanosPerInput) {
		return new TierCosts(Arrays.stream(nanosPerInput).boxed().toList());
	}

	/**
	 * Returns the number of tiers.
	 * @return at least 1
	 */
	public int tierCount() {
		return this.nanosPerInput.size();
	}

	/**
	 * Returns one tier's cost.
	 * @param tier the tier's zero-based index
	 * @return nanoseconds per input
	 */
	public double nanos(int tier) {
		return this.nanosPerInput.get(tier);
	}

}
