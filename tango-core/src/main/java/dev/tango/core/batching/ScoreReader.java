package dev.tango.core.batching;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;

/**
 * Turns a tier's logits for one input into a predicted label, a confidence and
 * probabilities.
 *
 * <p>
 * Softmax models: probabilities are the softmax of the logits divided by the temperature;
 * the label is the most probable one and the confidence is the chosen measure of the
 * distribution. Sigmoid (multi-label) models: each label's probability is the sigmoid of
 * its logit divided by the temperature; each label's confidence is the measure of its
 * binary distribution {@code (p, 1 - p)}; the label is the most probable one and the
 * input's confidence is the smallest label confidence, so an input is confident only when
 * every label is.
 */
final class ScoreReader {

	private static final double LN_2 = Math.log(2);

	private ScoreReader() {
	}

	/**
	 * Reads one input's logits.
	 * @param logits one logit per label, at least one
	 * @param activation how logits become probabilities
	 * @param measure the confidence measure
	 * @param temperature a positive temperature dividing the logits
	 * @return the reading
	 */
	static Reading read(float[] logits, Activation activation, ConfidenceMeasure measure, double temperature) {
		return switch (activation) {
			case SOFTMAX -> softmax(logits, measure, temperature);
			case SIGMOID -> sigmoid(logits, measure, temperature);
		};
	}

	private static Reading softmax(float[] logits, ConfidenceMeasure measure, double temperature) {
		int labels = logits.length;
		double max = Double.NEGATIVE_INFINITY;
		for (float logit : logits) {
			max = Math.max(max, logit / temperature);
		}
		double[] p = new double[labels];
		double sum = 0;
		for (int i = 0; i < labels; i++) {
			p[i] = Math.exp(logits[i] / temperature - max);
			sum += p[i];
		}
		float[] probabilities = new float[labels];
		double entropy = 0;
		for (int i = 0; i < labels; i++) {
			p[i] /= sum;
			probabilities[i] = (float) p[i];
			if (p[i] > 0) {
				entropy -= p[i] * Math.log(p[i]);
			}
		}
		int top = 0;
		double first = p[0];
		double second = 0;
		for (int i = 1; i < labels; i++) {
			if (p[i] > first) {
				second = first;
				first = p[i];
				top = i;
			}
			else if (p[i] > second) {
				second = p[i];
			}
		}
		double confidence = switch (measure) {
			case MAX_PROBABILITY -> first;
			case MARGIN -> first - second;
			case ENTROPY -> (labels == 1) ? 1 : 1 - entropy / Math.log(labels);
		};
		return new Reading(top, clamp(confidence), probabilities);
	}

	private static Reading sigmoid(float[] logits, ConfidenceMeasure measure, double temperature) {
		float[] probabilities = new float[logits.length];
		int top = 0;
		double topProbability = -1;
		double confidence = 1;
		for (int i = 0; i < logits.length; i++) {
			double p = 1 / (1 + Math.exp(-logits[i] / temperature));
			probabilities[i] = (float) p;
			if (p > topProbability) {
				top = i;
				topProbability = p;
			}
			confidence = Math.min(confidence, binaryConfidence(p, measure));
		}
		return new Reading(top, clamp(confidence), probabilities);
	}

	private static double binaryConfidence(double p, ConfidenceMeasure measure) {
		return switch (measure) {
			case MAX_PROBABILITY -> Math.max(p, 1 - p);
			case MARGIN -> Math.abs(2 * p - 1);
			case ENTROPY -> 1 - (xLogX(p) + xLogX(1 - p)) / -LN_2;
		};
	}

	private static double xLogX(double x) {
		return (x > 0) ? x * Math.log(x) : 0;
	}

	private static double clamp(double confidence) {
		return Math.min(1, Math.max(0, confidence));
	}

	/**
	 * What a tier says about one input.
	 *
	 * @param labelIndex the index of the most probable label
	 * @param confidence the confidence in {@code [0, 1]}
	 * @param probabilities the probability per label
	 */
	record Reading(int labelIndex, double confidence, float[] probabilities) {

	}

}
