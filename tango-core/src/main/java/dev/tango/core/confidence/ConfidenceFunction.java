package dev.tango.core.confidence;

import java.util.Objects;

import dev.tango.core.tier.Activation;

/**
 * Turns one tier's logits into probabilities, a predicted label and a confidence.
 *
 * <p>
 * With {@link Activation#SOFTMAX} the probabilities are {@code softmax(logits / T)} and
 * the confidence is the {@link ConfidenceMeasure measure} of that distribution. With
 * {@link Activation#SIGMOID} each label has its own probability {@code p = sigmoid(logit
 * / T)}; each label's confidence is the measure of the two-way distribution
 * {@code (p, 1 - p)} ({@code max(p, 1 - p)} for max probability), and the input's
 * confidence is the least of them: the label the tier is least sure of decides. In both
 * cases the predicted label is the one with the largest logit (the lowest index on a tie)
 * and every confidence lies in {@code [0, 1]}.
 *
 * <p>
 * Logits may be any float but NaN: {@code -inf} gives a label probability 0, {@code +inf}
 * probability 1 (shared equally by several {@code +inf} under softmax), and a softmax
 * over logits that are all {@code -inf} is uniform. A NaN logit, or an empty array, is
 * rejected with {@link IllegalArgumentException}: it means the tier is broken, never that
 * it is unsure.
 *
 * <p>
 * Immutable and thread-safe. {@link #label(float[])} allocates nothing;
 * {@link #confidence(float[])} allocates the distribution it hands to the measure.
 *
 * @param activation how logits become probabilities
 * @param measure how the probabilities become a confidence
 * @param temperature the positive, finite number that divides the logits first
 */
public record ConfidenceFunction(Activation activation, ConfidenceMeasure measure, double temperature) {

	public ConfidenceFunction {
		Objects.requireNonNull(activation, "activation");
		Objects.requireNonNull(measure, "measure");
		if (!(temperature > 0) || Double.isInfinite(temperature)) {
			throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
		}
	}

	/**
	 * Returns the index of the predicted label.
	 * @param logits one logit per label
	 * @return the index of the largest logit, the lowest on a tie
	 * @throws IllegalArgumentException if the logits are empty or contain NaN
	 */
	public int label(float[] logits) {
		checkNotEmpty(logits);
		int best = 0;
		for (int i = 0; i < logits.length; i++) {
			checkNotNaN(logits[i], i);
			if (logits[i] > logits[best]) {
				best = i;
			}
		}
		return best;
	}

	/**
	 * Returns the confidence of the tier in its prediction for one input.
	 * @param logits one logit per label
	 * @return the confidence in {@code [0, 1]}
	 * @throws IllegalArgumentException if the logits are empty or contain NaN
	 */
	public double confidence(float[] logits) {
		return (this.activation == Activation.SOFTMAX) ? softmaxConfidence(logits) : sigmoidConfidence(logits);
	}

	/**
	 * Returns the probability of each label.
	 * @param logits one logit per label
	 * @return a new array of probabilities in {@code [0, 1]}, summing to 1 under softmax
	 * @throws IllegalArgumentException if the logits are empty or contain NaN
	 */
	public float[] probabilities(float[] logits) {
		float[] probabilities = new float[logits.length];
		if (this.activation == Activation.SOFTMAX) {
			double[] softmax = softmax(logits);
			for (int i = 0; i < logits.length; i++) {
				probabilities[i] = (float) softmax[i];
			}
		}
		else {
			checkNotEmpty(logits);
			for (int i = 0; i < logits.length; i++) {
				checkNotNaN(logits[i], i);
				probabilities[i] = (float) sigmoid(logits[i] / this.temperature);
			}
		}
		return probabilities;
	}

	/**
	 * Returns each label's own confidence: the measure of the two-way distribution
	 * {@code (p, 1 - p)} where {@code p} is the label's probability. For a multi-label
	 * tier this says how sure the tier is about each label; the input's
	 * {@link #confidence(float[]) confidence} is their minimum.
	 * @param logits one logit per label
	 * @return a new array with one confidence in {@code [0, 1]} per label
	 * @throws IllegalArgumentException if the logits are empty or contain NaN
	 */
	public double[] labelConfidences(float[] logits) {
		double[] confidences = new double[logits.length];
		double[] pair = new double[2];
		if (this.activation == Activation.SOFTMAX) {
			float[] probabilities = probabilities(logits);
			for (int i = 0; i < logits.length; i++) {
				confidences[i] = binaryConfidence(probabilities[i], pair);
			}
		}
		else {
			checkNotEmpty(logits);
			for (int i = 0; i < logits.length; i++) {
				checkNotNaN(logits[i], i);
				confidences[i] = binaryConfidence(sigmoid(logits[i] / this.temperature), pair);
			}
		}
		return confidences;
	}

	private double softmaxConfidence(float[] logits) {
		return this.measure.of(softmax(logits));
	}

	/** Returns {@code softmax(logits / T)} in double precision. */
	private double[] softmax(float[] logits) {
		double max = max(logits);
		double[] probabilities = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			probabilities[i] = Math.exp(shifted(logits[i], max));
			sum += probabilities[i];
		}
		for (int i = 0; i < logits.length; i++) {
			probabilities[i] /= sum;
		}
		return probabilities;
	}

	private double sigmoidConfidence(float[] logits) {
		checkNotEmpty(logits);
		double[] pair = new double[2];
		double least = 1;
		for (int i = 0; i < logits.length; i++) {
			checkNotNaN(logits[i], i);
			least = Math.min(least, binaryConfidence(sigmoid(logits[i] / this.temperature), pair));
		}
		return least;
	}

	/** Measures {@code (p, 1 - p)}, using {@code pair} as scratch space. */
	private double binaryConfidence(double p, double[] pair) {
		pair[0] = p;
		pair[1] = 1 - p;
		return this.measure.of(pair);
	}

	/**
	 * Returns {@code (logit - max) / T}, the exponent of the logit's softmax weight; 0
	 * for the largest logits, which keeps infinite logits free of NaN.
	 */
	private double shifted(float logit, double max) {
		return (logit == max) ? 0 : (logit - max) / this.temperature;
	}

	private static double max(float[] logits) {
		checkNotEmpty(logits);
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < logits.length; i++) {
			checkNotNaN(logits[i], i);
			max = Math.max(max, logits[i]);
		}
		return max;
	}

	private static double sigmoid(double x) {
		if (x >= 0) {
			return 1 / (1 + Math.exp(-x));
		}
		double e = Math.exp(x);
		return e / (1 + e);
	}

	private static void checkNotEmpty(float[] logits) {
		if (logits.length == 0) {
			throw new IllegalArgumentException("logits must not be empty");
		}
	}

	private static void checkNotNaN(float logit, int index) {
		if (Float.isNaN(logit)) {
			throw new IllegalArgumentException("logit " + index + " is NaN");
		}
	}

}
