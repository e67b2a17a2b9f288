package dev.tango.api;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many workers call each tier: configured, or sized to the cores from the tiers'
 * intra-op threads.
 */
class BatchingWorkersTest {

	private static final ApiProperties.Batching SIZED_TO_CORES = new ApiProperties.Batching(1024, null, 4);

	@Test
	void twoSingleThreadedTiersOnTwoCoresGetOneWorkerEach() {
		assertThat(SIZED_TO_CORES.workersFor(Arrays.asList(1, 1), 2)).isEqualTo(1);
	}

	@Test
	void moreCoresGiveMoreWorkersAndTierThreadsCount() {
		assertThat(SIZED_TO_CORES.workersFor(Arrays.asList(1, 1), 16)).isEqualTo(8);
		assertThat(SIZED_TO_CORES.workersFor(Arrays.asList(1, 3), 16)).isEqualTo(4);
		assertThat(SIZED_TO_CORES.workersFor(Arrays.asList(null, 2), 16)).as("unset counts as one").isEqualTo(5);
	}

	@Test
	void thereIsAlwaysOneWorker() {
		assertThat(SIZED_TO_CORES.workersFor(Arrays.asList(4, 4), 2)).isEqualTo(1);
	}

	@Test
	void aConfiguredCountWins() {
		assertThat(new ApiProperties.Batching(1024, 3, 4).workersFor(Arrays.asList(1, 1), 2)).isEqualTo(3);
	}

}
