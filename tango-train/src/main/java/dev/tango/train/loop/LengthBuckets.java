package dev.tango.train.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training examples: batches of examples of
 * similar length, so that a batch pads little, in an order shuffled anew each epoch.
 *
 * <p>
 * Examples fall into buckets of {@code bucketWidth} tokens by length. Each epoch, each
 * bucket's examples are shuffled and cut into full batches; the few left over in each
 * bucket are pooled, in length order, and cut into batches too (the last one may be
 * short); then the order of all batches is shuffled. The generator is a
 * {@link SplittableRandom} seeded from the run's seed and the epoch, so an epoch's
 * batches are a function of {@code (seed, epoch)} only: a resumed run finds its place
 * from the step count alone. The number of batches is the same every epoch.
 *
 * <p>
 * Core's {@code LengthBatching} serves inference: it cuts one length-sorted order at
 * variable points, which gives batches of varying size and the same batches every time;
 * training needs full batches and a fresh order each epoch, hence this class.
 */
public final class LengthBuckets {

	private final int[][] buckets;

	private final int batchSize;

	private final int batchesPerEpoch;

	/**
	 * Groups examples by length.
	 * @param lengths each example's length in tokens, at least 1, at least one example
	 * @param batchSize the most examples per batch, at least 1
	 * @param bucketWidth how many consecutive lengths share a bucket, at least 1
	 */
	public LengthBuckets(int[] lengths, int batchSize, int bucketWidth) {
		if (lengths.length == 0 || batchSize < 1 || bucketWidth < 1) {
			throw new IllegalArgumentException("Need examples, batchSize >= 1 and bucketWidth >= 1");
		}
		int longest = Arrays.stream(lengths).max().orElseThrow();
		int[] counts = new int[(longest - 1) / bucketWidth + 1];
		for (int length : lengths) {
			if (length < 1) {
				throw new IllegalArgumentException("Lengths must be at least 1, was " + length);
			}
			counts[(length - 1) / bucketWidth]++;
		}
		int[][] grouped = new int[counts.length][];
		for (int b = 0; b < counts.length; b++) {
			grouped[b] = new int[counts[b]];
		}
		int[] filled = new int[counts.length];
		for (int i = 0; i < lengths.length; i++) {
			int b = (lengths[i] - 1) / bucketWidth;
			grouped[b][filled[b]++] = i;
		}
		this.buckets = grouped;
		this.batchSize = batchSize;
		int full = 0;
		int left = 0;
		for (int[] bucket : grouped) {
			full += bucket.length / batchSize;
			left += bucket.length % batchSize;
		}
		this.batchesPerEpoch = full + (left + batchSize - 1) / batchSize;
	}

	/**
	 * Returns how many batches each epoch has.
	 * @return the count, at least 1
	 */
	public int batchesPerEpoch() {
		return this.batchesPerEpoch;
	}

	/**
	 * Returns an epoch's batches.
	 * @param seed the run's seed
	 * @param epoch the epoch, from 0
	 * @return {@link #batchesPerEpoch()} batches of example indices; every example occurs
	 * in exactly one
	 */
	public List<int[]> epoch(long seed, int epoch) {
		SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
		List<int[]> batches = new ArrayList<>(this.batchesPerEpoch);
		int[] leftOver = new int[this.batchSize * this.buckets.length];
		int left = 0;
		for (int[] bucket : this.buckets) {
			int[] order = bucket.clone();
			shuffle(order, random);
			int full = order.length / this.batchSize;
			for (int b = 0; b < full; b++) {
				batches.add(Arrays.copyOfRange(order, b * this.batchSize, (b + 1) * this.batchSize));
			}
			for (int i = full * this.batchSize; i < order.length; i++) {
				leftOver[left++] = order[i];
			}
		}
		for (int from = 0; from < left; from += this.batchSize) {
			batches.add(Arrays.copyOfRange(leftOver, from, Math.min(left, from + this.batchSize)));
		}
		int[][] shuffled = batches.toArray(int[][]::new);
		for (int i = shuffled.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int[] swap = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = swap;
		}
		return List.of(shuffled);
	}

	private static void shuffle(int[] values, SplittableRandom random) {
		for (int i = values.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
	}

}
