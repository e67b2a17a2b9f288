package dev.tango.bench.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a benchmark's runs: every repeat runs every configuration (threads, then
 * batch size) and, within it, every variant once, back to back so that the runs compared
 * with each other see the same load on the machine. The variants' order rotates by one
 * with each repeat so that none always runs first (or right after another one).
 */
final class Schedule {

	private Schedule() {
	}

	/**
	 * One run.
	 *
	 * @param repeat the repeat, from 0
	 * @param threads ONNX Runtime intra-op threads
	 * @param batchSize the batch size
	 * @param variant what runs
	 */
	record Step(int repeat, int threads, int batchSize, Variant variant) {

	}

	/**
	 * Returns the runs in order.
	 * @param repeats the number of repeats, at least 1
	 * @param threads the thread counts
	 * @param batchSizes the batch sizes
	 * @param variants the variants
	 * @return {@code repeats × threads × batchSizes × variants} steps
	 */
	static List<Step> of(int repeats, List<Integer> threads, List<Integer> batchSizes, List<Variant> variants) {
		List<Step> steps = new ArrayList<>();
		int n = variants.size();
		for (int r = 0; r < repeats; r++) {
			for (int t : threads) {
				for (int b : batchSizes) {
					for (int i = 0; i < n; i++) {
						steps.add(new Step(r, t, b, variants.get((i + r) % n)));
					}
				}
			}
		}
		return steps;
	}

}
