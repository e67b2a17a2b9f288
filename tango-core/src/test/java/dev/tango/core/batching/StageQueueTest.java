package dev.tango.core.batching;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.tango.core.tier.TextInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageQueueTest {

	private static final long HOUR = TimeUnit.HOURS.toNanos(1);

	private final Request request = new Request(IntStream.range(0, 10).mapToObj((i) -> TextInput.of("t" + i)).toList(),
			false, 0, HOUR, List.of("tier"), BatchingListener.NONE, null);

	private List<Item> items(int from, int to) {
		long now = System.nanoTime();
		return IntStream.range(from, to).mapToObj((i) -> new Item(this.request, i, now, null)).toList();
	}

	/**
	 * Starts a worker that takes up to three inputs, waiting up to an hour, then offers
	 * the arriving items; returns what the worker took.
	 */
	private static List<Item> takeThreeWhileOffering(StageQueue queue, List<Item> arriving) throws Exception {
		CompletableFuture<List<Item>> taken = CompletableFuture.supplyAsync(() -> queue.take(3, 3, HOUR));
		queue.offerAll(arriving);
		return taken.get(30, TimeUnit.SECONDS);
	}

	@Test
	void offerAllTakesAllOrNothing() {
		StageQueue queue = new StageQueue(5);
		assertThat(queue.offerAll(items(0, 3))).isEqualTo(StageQueue.Offer.ACCEPTED);
		assertThat(queue.offerAll(items(3, 6))).isEqualTo(StageQueue.Offer.FULL);
		assertThat(queue.depth()).isEqualTo(3);
		assertThat(queue.offerAll(items(3, 5))).isEqualTo(StageQueue.Offer.ACCEPTED);
		assertThat(queue.depth()).isEqualTo(5);
	}

	@Test
	void offerPrefixTakesWhatFits() {
		StageQueue queue = new StageQueue(4);
		queue.offerAll(items(0, 1));
		assertThat(queue.offerPrefix(items(1, 6))).isEqualTo(3);
		assertThat(queue.take(10, 10, 0)).extracting(Item::position).containsExactly(0, 1, 2, 3);
	}

	@Test
	void takeReturnsAtMostTheLimitOldestFirst() {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 7));
		assertThat(queue.take(2, 3, 0)).extracting(Item::position).containsExactly(0, 1, 2);
		assertThat(queue.take(2, 3, 0)).extracting(Item::position).containsExactly(3, 4, 5);
		assertThat(queue.take(2, 3, 0)).extracting(Item::position).containsExactly(6);
		assertThat(queue.depth()).isZero();
	}

	@Test
	void aFullBatchDoesNotWaitForTheDelay() {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 4));
		long start = System.nanoTime();
		assertThat(queue.take(4, 4, TimeUnit.HOURS.toNanos(1))).hasSize(4);
		assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MINUTES.toNanos(1));
	}

	@Test
	void aWaitingWorkerTakesInputsThatArriveWithinTheDelay() throws Exception {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 1));
		assertThat(takeThreeWhileOffering(queue, items(1, 3))).extracting(Item::position).containsExactly(0, 1, 2);
	}

	@Test
	void aPartialBatchGoesOnceTheOldestInputHasWaitedTheDelay() {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 2));
		assertThat(queue.take(8, 8, TimeUnit.MILLISECONDS.toNanos(5))).hasSize(2);
	}

	@Test
	void whileInputsArriveFasterThanTheDelayAWorkerWaitsForMore() throws Exception {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 1));
		queue.offerAll(items(1, 2));
		assertThat(queue.take(2, 2, 0)).hasSize(2);
		queue.offerAll(items(2, 3));
		assertThat(takeThreeWhileOffering(queue, items(3, 5))).extracting(Item::position).containsExactly(2, 3, 4);
	}

	@Test
	void whenInputsArriveMoreSlowlyThanTheDelayAWorkerDoesNotWait() throws Exception {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 1));
		assertThat(queue.take(1, 1, 0)).hasSize(1);
		Thread.sleep(4000);
		queue.offerAll(items(1, 2));
		long start = System.nanoTime();
		assertThat(queue.take(8, 8, TimeUnit.SECONDS.toNanos(3))).extracting(Item::position).containsExactly(1);
		assertThat(System.nanoTime() - start).as("no wait for a batch that would not fill")
			.isLessThan(TimeUnit.SECONDS.toNanos(2));
	}

	@Test
	void waitingWorkersShareWhatArrives() throws Exception {
		StageQueue queue = new StageQueue(10);
		Executor threads = (task) -> Thread.ofPlatform().start(task);
		CompletableFuture<List<Item>> first = CompletableFuture.supplyAsync(() -> queue.take(1, 10, 0), threads);
		CompletableFuture<List<Item>> second = CompletableFuture.supplyAsync(() -> queue.take(1, 10, 0), threads);
		CascadeFixture.awaitCondition("both workers waiting", () -> queue.takers() == 2);
		queue.offerAll(items(0, 6));
		assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(3);
		assertThat(second.get(30, TimeUnit.SECONDS)).hasSize(3);
		assertThat(queue.takers()).isZero();
	}

	@Test
	void aClosedQueueRefusesOffersAndDrainsBeforeSignallingTheEnd() throws Exception {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 2));
		queue.close();
		assertThat(queue.isClosed()).isTrue();
		assertThat(queue.offerAll(items(2, 3))).isEqualTo(StageQueue.Offer.CLOSED);
		assertThat(queue.offerPrefix(items(2, 3))).isZero();
		assertThat(queue.take(8, 8, TimeUnit.HOURS.toNanos(1))).hasSize(2);
		assertThat(queue.take(8, 8, 0)).isEmpty();
	}

	@Test
	void closingWakesAWaitingWorker() throws Exception {
		StageQueue queue = new StageQueue(10);
		CompletableFuture<List<Item>> taken = CompletableFuture.supplyAsync(() -> queue.take(1, 1, 0));
		queue.close();
		assertThat(taken.get(30, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void abortRemovesEverything() {
		StageQueue queue = new StageQueue(10);
		queue.offerAll(items(0, 3));
		assertThat(queue.abort()).extracting(Item::position).containsExactly(0, 1, 2);
		assertThat(queue.depth()).isZero();
		assertThat(queue.take(1, 1, 0)).isEmpty();
	}

}
