package dev.tango.core.confidence;

/**
 * A confidence measure added the way a user adds one: this class and its line in the test
 * resources' {@code META-INF/services/dev.tango.core.confidence.ConfidenceMeasure}. The
 * square of the largest probability: stricter than max probability everywhere below 1.
 */
public final class SquaredMaxProbability implements ConfidenceMeasure {

	@Override
	public String name() {
		return "SQUARED_MAX_PROBABILITY";
	}

	@Override
	public double of(double[] probabilities) {
		double largest = 0;
		for (double p : probabilities) {
			largest = Math.max(largest, p);
		}
		return largest * largest;
	}

}
