package dev.tango.bench.benchmark;

import java.util.List;

/**
 * One timed pass of a variant over all the benchmark's inputs.
 *
 * @param repeat the repeat, from 0
 * @param threads ONNX Runtime intra-op threads
 * @param batchSize the batch size
 * @param variant what ran
 * @param nanos the wall-clock time of the pass
 * @param inputs the number of inputs
 * @param accuracy the share of inputs classified right
 * @param reach for the cascade, the share of inputs that reached each tier after the
 * first; else empty
 * @param tiers for the cascade, what each tier did in the run, cheapest first; for a
 * Tango tier alone, that tier's run; else empty
 */
record Measurement(int repeat, int threads, int batchSize, Variant variant, long nanos, int inputs, double accuracy,
		List<Double> reach, List<TierWork> tiers) {

	Measurement {
		reach = List.copyOf(reach);
		tiers = List.copyOf(tiers);
	}

	/**
	 * What one tier did in a run: the inputs that reached it, their tokens (its
	 * {@code Tier.length}), the tokens it ran with the padding of its batches, and its
	 * time.
	 *
	 * @param inputs the inputs that reached the tier
	 * @param tokens their tokens, in the tier's unit of length
	 * @param shareOfTokens {@code tokens} over the tokens of all inputs in that unit
	 * @param paddedTokens the tokens of the tier's batches, each padded to its longest
	 * input: what the tier computed on
	 * @param nanos the tier's wall-clock time in the run
	 */
	record TierWork(int inputs, long tokens, double shareOfTokens, long paddedTokens, long nanos) {

		/**
		 * Returns the padded tokens per token of the inputs.
		 * @return at least 1, or NaN without tokens
		 */
		double padding() {
			return (this.tokens > 0) ? (double) this.paddedTokens / this.tokens : Double.NaN;
		}

		/**
		 * Returns the time per input that reached the tier.
		 * @return nanoseconds, or NaN without inputs
		 */
		double nanosPerInput() {
			return (this.inputs > 0) ? (double) this.nanos / this.inputs : Double.NaN;
		}

	}

	/**
	 * Returns the time per input.
	 * @return nanoseconds
	 */
	double nanosPerInput() {
		return (double) this.nanos / this.inputs;
	}

}
