package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.TextInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingCascadeConcurrencyTest extends CascadeFixture {

	private static final int THREADS = 16;

	private static final int REQUESTS_PER_THREAD = 50;

	@Test
	void concurrentRequestsGetTheAnswersEachInputGetsAlone() throws Exception {
		FakeTier first = tier(FakeTier.hashed("first", FakeTier.LABELS));
		FakeTier second = tier(FakeTier.hashed("second", FakeTier.LABELS));
		FakeTier third = tier(FakeTier.hashed("third", FakeTier.LABELS));
		List<Stage> stages = List.of(stage(first, 8, 0.8), stage(second, 4, 0.75), stage(third, 3, 0.5));
		BatchingCascade cascade = start(BatchingCascade.builder(stages)
			.batching(BatchingSettings.DEFAULT.withMaxDelay(Duration.ofMillis(1)).withQueueCapacity(5000))
			.batching(0, new BatchingSettings(Duration.ofMillis(1), 5000, 2, 3)));
		Random random = new Random(42);
		List<TextInput> pool = IntStream.range(0, 120)
			.mapToObj((i) -> TextInput.of("text " + i + " " + "w".repeat(random.nextInt(30))))
			.toList();
		Map<TextInput, Prediction> alone = new HashMap<>();
		for (TextInput input : pool) {
			alone.put(input, await(cascade.submit(List.of(input))).predictions().get(0));
		}
		assertThat(alone.values()).extracting(Prediction::tier).contains(0, 1, 2);
		int[] classifiedAlone = { first.texts().size(), second.texts().size(), third.texts().size() };

		ExecutorService clients = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<int[]>> clientsDone = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				long seed = t;
				clientsDone.add(clients.submit(() -> {
					Random mine = new Random(seed);
					go.await();
					List<List<TextInput>> sent = new ArrayList<>();
					List<CompletableFuture<BatchingResult>> futures = new ArrayList<>();
					for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
						List<TextInput> request = IntStream.range(0, 1 + mine.nextInt(5))
							.mapToObj((i) -> pool.get(mine.nextInt(pool.size())))
							.toList();
						sent.add(request);
						futures.add(cascade.submit(request));
					}
					int[] reached = new int[stages.size()];
					for (int r = 0; r < futures.size(); r++) {
						List<Prediction> predictions = futures.get(r).get(60, TimeUnit.SECONDS).predictions();
						assertThat(predictions).hasSameSizeAs(sent.get(r));
						for (int i = 0; i < predictions.size(); i++) {
							Prediction prediction = predictions.get(i);
							assertThat(prediction).isEqualTo(alone.get(sent.get(r).get(i)));
							for (int stage = 0; stage <= prediction.tier(); stage++) {
								reached[stage]++;
							}
						}
					}
					return reached;
				}));
			}
			go.countDown();
			int[] reached = new int[stages.size()];
			for (Future<int[]> done : clientsDone) {
				int[] counts = done.get(120, TimeUnit.SECONDS);
				for (int stage = 0; stage < reached.length; stage++) {
					reached[stage] += counts[stage];
				}
			}

			assertThat(first.texts()).hasSize(classifiedAlone[0] + reached[0]);
			assertThat(second.texts()).hasSize(classifiedAlone[1] + reached[1]);
			assertThat(third.texts()).hasSize(classifiedAlone[2] + reached[2]);
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(first.batches()).anyMatch((batch) -> batch.size() > 1);
		assertBatches(first, 8);
		assertBatches(second, 4);
		assertBatches(third, 3);
		assertThat(first.threads()).allMatch((thread) -> thread.startsWith("tango-stage-0-"))
			.hasSizeLessThanOrEqualTo(2);
	}

	private static void assertBatches(FakeTier tier, int batchSize) {
		assertThat(tier.batches()).isNotEmpty().allSatisfy((batch) -> {
			assertThat(batch).hasSizeBetween(1, batchSize);
			assertThat(batch).isSortedAccordingTo(Comparator.comparingInt(TextInput::charLength));
		});
	}

}
