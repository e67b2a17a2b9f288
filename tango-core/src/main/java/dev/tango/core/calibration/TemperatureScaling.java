package dev.tango.core.calibration;

import java.util.List;

/**
 * A softmax temperature fitted to a tier's logits on labelled inputs (Guo et al. 2017):
 * the {@code T} that minimises the mean negative log-likelihood of the true labels under
 * {@code softmax(logits / T)}. Dividing by {@code T} keeps every predicted label and
 * changes only how confident the tier claims to be, so that its confidences can be read
 * as probabilities before thresholds are chosen on them.
 *
 * <p>
 * The negative log-likelihood is convex in {@code β = 1 / T}, so a golden-section search
 * over {@code log β} finds its minimum within {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]};
 * when the minimum lies outside (for example, a tier that is right on every input with
 * growing margins), the nearest bound is returned. Applies to single-label (softmax)
 * tiers.
 *
 * @param temperature the fitted temperature, in
 * {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]}
 * @param nllBefore the mean negative log-likelihood at temperature 1, in nats
 * @param nllAfter the mean negative log-likelihood at the fitted temperature, at most
 * {@code nllBefore} up to the search's tolerance
 * @param size the number of labelled inputs fitted on
 */
public record TemperatureScaling(double temperature, double nllBefore, double nllAfter, int size) {

	/** The lowest temperature returned. */
	public static final double MIN_TEMPERATURE = 0.05;

	/** The highest temperature returned. */
	public static final double MAX_TEMPERATURE = 20;

	private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

	/**
	 * Returns whether a temperature lies in the range calibration fits it in,
	 * {@value #MIN_TEMPERATURE} to {@value #MAX_TEMPERATURE}, the range a registered gate
	 * may have.
	 * @param temperature the temperature
	 * @return {@code true} if it lies in the range ({@code false} for NaN)
	 */
	public static boolean inRange(double temperature) {
		return temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE;
	}

	/**
	 * Fits the temperature.
	 * @param logits one logit array per input, all of the same positive length, every
	 * logit finite
	 * @param labels the true label index per input, in range
	 * @return the fitted temperature and the likelihoods before and after
	 * @throws IllegalArgumentException if there are no inputs, the sizes differ, a logit
	 * is not finite or a label is out of range
	 */
	public static TemperatureScaling fit(List<float[]> logits, int[] labels) {
		if (logits.isEmpty()) {
			throw new IllegalArgumentException("Temperature scaling needs at least one labelled input");
		}
		if (logits.size() != labels.length) {
			throw new IllegalArgumentException(logits.size() + " logit arrays for " + labels.length + " labels");
		}
		int classes = logits.get(0).length;
		for (int i = 0; i < labels.length; i++) {
			float[] row = logits.get(i);
			if (row.length != classes || classes == 0) {
				throw new IllegalArgumentException(
						"input " + i + " has " + row.length + " logits, expected " + classes + " (at least one)");
			}
			for (float logit : row) {
				if (!Float.isFinite(logit)) {
					throw new IllegalArgumentException("input " + i + " has a logit that is not finite: " + logit);
				}
			}
			if (labels[i] < 0 || labels[i] >= classes) {
				throw new IllegalArgumentException("label of input " + i + " is out of range: " + labels[i]);
			}
		}
		double low = Math.log(1 / MAX_TEMPERATURE);
		double high = Math.log(1 / MIN_TEMPERATURE);
		double a = high - GOLDEN * (high - low);
		double b = low + GOLDEN * (high - low);
		double fa = nll(logits, labels, Math.exp(a));
		double fb = nll(logits, labels, Math.exp(b));
		while (high - low > 1e-7) {
			if (fa <= fb) {
				high = b;
				b = a;
				fb = fa;
				a = high - GOLDEN * (high - low);
				fa = nll(logits, labels, Math.exp(a));
			}
			else {
				low = a;
				a = b;
				fa = fb;
				b = low + GOLDEN * (high - low);
				fb = nll(logits, labels, Math.exp(b));
			}
		}
		double beta = Math.exp((low + high) / 2);
		double temperature = Math.min(MAX_TEMPERATURE, Math.max(MIN_TEMPERATURE, 1 / beta));
		return new TemperatureScaling(temperature, nll(logits, labels, 1), nll(logits, labels, 1 / temperature),
				labels.length);
	}

	/**
	 * Returns the mean negative log-likelihood of the true labels under
	 * {@code softmax(β · logits)}.
	 * @param logits one logit array per input
	 * @param labels the true label index per input
	 * @param beta the inverse temperature, positive
	 * @return the mean, in nats
	 */
	static double nll(List<float[]> logits, int[] labels, double beta) {
		double total = 0;
		for (int i = 0; i < labels.length; i++) {
			float[] row = logits.get(i);
			double max = Double.NEGATIVE_INFINITY;
			for (float logit : row) {
				max = Math.max(max, beta * logit);
			}
			double sum = 0;
			for (float logit : row) {
				sum += Math.exp(beta * logit - max);
			}
			total += max + Math.log(sum) - beta * row[labels[i]];
		}
		return total / labels.length;
	}

}
