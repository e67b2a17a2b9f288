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
 */
record Measurement(int repeat, int threads, int batchSize, Variant variant, long nanos, int inputs, double accuracy,
		List<Double> reach) {

	Measurement {
		reach = List.copyOf(reach);
	}

	/**
	 * Returns the time per input.
	 * @return nanoseconds
	 */
	double nanosPerInput() {
		return (double) this.nanos / this.inputs;
	}

}
