package dev.tango.train.loop;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LengthBucketsTest {

	private static final int[] LENGTHS = new SplittableRandom(3).ints(1000, 3, 60).toArray();

	@Test
	void everyExampleIsInExactlyOneBatchOfAnEpochAndBatchesAreFullButForTheLast() {
		LengthBuckets buckets = new LengthBuckets(LENGTHS, 32, 8);
		List<int[]> epoch = buckets.epoch(42, 0);
		assertThat(epoch).hasSize(buckets.batchesPerEpoch());
		int[] all = epoch.stream().flatMapToInt(Arrays::stream).sorted().toArray();
		assertThat(all).isEqualTo(IntStream.range(0, LENGTHS.length).toArray());
		assertThat(epoch.stream().filter((batch) -> batch.length < 32).count()).isLessThanOrEqualTo(1);
		assertThat(buckets.batchesPerEpoch()).isEqualTo((LENGTHS.length + 31) / 32);
	}

	@Test
	void batchesPadLittle() {
		List<int[]> epoch = new LengthBuckets(LENGTHS, 32, 8).epoch(42, 0);
		long padded = 0;
		long tokens = 0;
		for (int[] batch : epoch) {
			int longest = Arrays.stream(batch).map((i) -> LENGTHS[i]).max().orElseThrow();
			padded += (long) longest * batch.length;
			tokens += Arrays.stream(batch).map((i) -> LENGTHS[i]).sum();
		}
		assertThat((double) padded / tokens).isLessThan(1.3);
	}

	@Test
	void theOrderIsAFunctionOfSeedAndEpochAndChangesAcrossEpochs() {
		LengthBuckets buckets = new LengthBuckets(LENGTHS, 32, 8);
		assertThat(buckets.epoch(42, 1)).usingRecursiveComparison()
			.isEqualTo(new LengthBuckets(LENGTHS, 32, 8).epoch(42, 1));
		assertThat(buckets.epoch(42, 1).get(0)).isNotEqualTo(buckets.epoch(42, 0).get(0));
		assertThat(buckets.epoch(43, 0).get(0)).isNotEqualTo(buckets.epoch(42, 0).get(0));
	}

}
