package dev.tango.core.batching;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

import dev.tango.core.batching.RequestRejectedException.Reason;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Routing;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;

/**
 * One stage of a {@link BatchingCascade}: its queue, its workers and what they do with a
 * batch. Workers take inputs from the queue, drop those whose request is over or past its
 * deadline, sort the rest by length, call the tier batch by batch, answer the confident
 * inputs (all of them at the last stage) and pass the others to the next stage.
 *
 * <p>
 * When every worker has stopped, the next stage's queue closes: a stage stops after the
 * stages before it, once its queue is empty.
 */
final class StageRunner {

	private static final System.Logger logger = System.getLogger(BatchingCascade.class.getName());

	private final int index;

	private final Stage stage;

	private final Tier tier;

	private final String tierName;

	private final int labelCount;

	private final Routing routing;

	private final BatchingSettings settings;

	private final StageQueue queue;

	private final @Nullable StageRunner next;

	private final LongSupplier clock;

	private final BatchingListener listener;

	private final Admission admission;

	private final AtomicLong batches = new AtomicLong();

	private final AtomicInteger running = new AtomicInteger();

	/** What each worker is working on, so that a shutdown can fail it. */
	private final AtomicReferenceArray<List<Item>> inFlight;

	private final List<Thread> threads = new ArrayList<>();

	/** The most inputs a worker takes at once: a window of batches. */
	private final int windowLimit;

	private final long maxDelayNanos;

	private volatile boolean aborted;

	StageRunner(int index, Stage stage, BatchingSettings settings, @Nullable StageRunner next, LongSupplier clock,
			BatchingListener listener, Admission admission) {
		this.index = index;
		this.stage = stage;
		this.tier = stage.tier();
		this.tierName = this.tier.name();
		this.labelCount = this.tier.labels().size();
		this.routing = new Routing(stage, index, next == null);
		this.settings = settings;
		this.queue = new StageQueue(settings.queueCapacity());
		this.next = next;
		this.clock = clock;
		this.listener = listener;
		this.admission = admission;
		this.inFlight = new AtomicReferenceArray<>(settings.workers());
		this.windowLimit = (int) Math.min(Integer.MAX_VALUE, (long) stage.batchSize() * settings.lengthWindow());
		this.maxDelayNanos = BatchingCascade.saturatedNanos(settings.maxDelay());
	}

	Stage stage() {
		return this.stage;
	}

	BatchingSettings settings() {
		return this.settings;
	}

	String tierName() {
		return this.tierName;
	}

	StageQueue queue() {
		return this.queue;
	}

	List<Thread> threads() {
		return this.threads;
	}

	/**
	 * Creates and starts the workers.
	 * @param factory the thread factory
	 */
	void start(ThreadFactory factory) {
		for (int i = 0; i < this.settings.workers(); i++) {
			int worker = i;
			Thread thread = factory.newThread(() -> work(worker));
			if (thread == null) {
				throw new IllegalStateException("The thread factory refused to create a worker");
			}
			this.threads.add(thread);
		}
		this.running.set(this.threads.size());
		this.threads.forEach(Thread::start);
	}

	/**
	 * Queues inputs escalated by the previous stage; refuses the requests of those that
	 * do not fit.
	 * @param escalated the inputs
	 */
	void accept(List<Item> escalated) {
		long now = System.nanoTime();
		List<Item> items = new ArrayList<>(escalated.size());
		for (Item item : escalated) {
			if (!item.request().isOver()) {
				items.add(new Item(item.request(), item.position(), now, item.previous()));
			}
		}
		this.admission.queued(this.index, this.admission.work(items));
		int accepted = this.queue.offerPrefix(items);
		if (accepted < items.size()) {
			this.admission.done(this.index, this.admission.work(items.subList(accepted, items.size())));
			Reason reason = this.queue.isClosed() ? Reason.SHUTTING_DOWN : Reason.QUEUE_FULL;
			Duration retryAfter = this.admission.retryAfter();
			for (Item item : items.subList(accepted, items.size())) {
				item.request().reject(reason, this.index, retryAfter);
			}
		}
	}

	/**
	 * Stops the stage without finishing its work: closes the queue and refuses the
	 * requests of what it held; workers refuse the rest of what they took after their
	 * current tier call.
	 */
	void abort() {
		this.aborted = true;
		List<Item> left = this.queue.abort();
		this.admission.done(this.index, this.admission.work(left));
		rejectAll(left, Reason.SHUTTING_DOWN);
	}

	/**
	 * Refuses the requests whose inputs the workers hold, as when a tier call does not
	 * return in time during a shutdown.
	 */
	void failInFlight() {
		for (int i = 0; i < this.inFlight.length(); i++) {
			List<Item> items = this.inFlight.get(i);
			if (items != null) {
				rejectAll(items, Reason.SHUTTING_DOWN);
			}
		}
	}

	private void work(int worker) {
		try {
			while (serveOnce(worker)) {
				// One frame per window: nothing of it stays reachable while idle.
			}
		}
		finally {
			if (this.running.decrementAndGet() == 0 && this.next != null) {
				this.next.queue.close();
			}
		}
	}

	/**
	 * Takes and processes one window of inputs.
	 * @param worker the worker's index
	 * @return {@code false} once the queue is closed and empty
	 */
	private boolean serveOnce(int worker) {
		List<Item> taken = this.queue.take(this.stage.batchSize(), this.windowLimit, this.maxDelayNanos);
		if (taken.isEmpty()) {
			return false;
		}
		this.inFlight.set(worker, taken);
		Admission.Taken work = this.admission.taken(this.index, this.admission.work(taken));
		try {
			process(taken, work);
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "Stage " + this.index + " failed to process a batch", ex);
			for (Item item : taken) {
				item.request().fail(ex);
			}
		}
		finally {
			work.releaseRest();
			this.inFlight.set(worker, null);
		}
		return true;
	}

	private void process(List<Item> taken, Admission.Taken work) {
		List<Item> items = runnable(taken);
		work.release(this.admission.work(taken).minus(this.admission.work(items)));
		if (items.isEmpty()) {
			return;
		}
		List<List<Item>> batches;
		try {
			batches = batchesByLength(items);
		}
		catch (RuntimeException ex) {
			failBatch(items, tierFailure(ex));
			return;
		}
		for (int k = 0; k < batches.size(); k++) {
			List<Item> batch = batches.get(k);
			if (this.aborted) {
				rejectAll(batch, Reason.SHUTTING_DOWN);
			}
			else {
				// Later batches waited for the earlier ones: check them again.
				batch = (k > 0) ? runnable(batch) : batch;
				if (!batch.isEmpty()) {
					run(batch);
				}
			}
			work.release(this.admission.work(batches.get(k)));
		}
	}

	/**
	 * Returns the items that may run: drops those whose request is over; an item whose
	 * request's deadline has passed takes its fallback ({@link Routing#fallback}) where
	 * the stage falls back, else its request is refused.
	 */
	private List<Item> runnable(List<Item> items) {
		long now = this.clock.getAsLong();
		List<Item> runnable = new ArrayList<>(items.size());
		for (Item item : items) {
			Request request = item.request();
			if (request.isOver()) {
				continue;
			}
			if (request.expired(now)) {
				Prediction fallback = this.routing.fallback(item.previous(), null);
				if (fallback != null) {
					request.answer(item.position(), fallback);
				}
				else {
					request.reject(Reason.DEADLINE_EXCEEDED, this.index, this.admission.retryAfter());
				}
			}
			else {
				runnable.add(item);
			}
		}
		return runnable;
	}

	/**
	 * Sorts the items by length and cuts them into batches of at most the stage's batch
	 * size, each padding little: see {@link LengthBatching#batches}.
	 */
	private List<List<Item>> batchesByLength(List<Item> items) {
		List<int[]> groups = LengthBatching.batches(items, (item) -> this.tier.length(item.input()),
				this.stage.batchSize());
		List<List<Item>> batches = new ArrayList<>(groups.size());
		for (int[] members : groups) {
			List<Item> batch = new ArrayList<>(members.length);
			for (int member : members) {
				batch.add(items.get(member));
			}
			batches.add(batch);
		}
		return batches;
	}

	private void run(List<Item> batch) {
		int size = batch.size();
		List<TextInput> inputs = new ArrayList<>(size);
		for (Item item : batch) {
			inputs.add(item.input());
		}
		long start = System.nanoTime();
		TierCallObserver observer = this.listener.tierCallStarting(TierCall.of(this.index, this.tierName, batch));
		List<Scores> scores;
		try {
			scores = this.tier.classify(inputs, timeLeft(batch));
			LengthBatching.checkResults(this.tier, this.labelCount, size, scores);
		}
		catch (RuntimeException ex) {
			TierException failure = tierFailure(ex);
			observer.ended(BatchExecution.since(start, this.index, this.tierName, batch), failure);
			failBatch(batch, failure);
			return;
		}
		BatchExecution execution = BatchExecution.since(start, this.index, this.tierName, batch);
		observer.ended(execution, null);
		long batchId = this.batches.incrementAndGet();
		Prediction[] predictions = new Prediction[size];
		boolean[] answers = new boolean[size];
		int answered = 0;
		long escalatedWork = 0;
		for (int i = 0; i < size; i++) {
			predictions[i] = this.routing.predict(scores.get(i), batch.get(i).request().probabilities());
			answers[i] = this.routing.answers(predictions[i]);
			if (answers[i]) {
				answered++;
			}
			else {
				escalatedWork += this.admission.work(batch.get(i).input());
			}
		}
		this.listener.batchExecuted(execution);
		this.admission.measured(this.index, this.admission.work(batch).units(), execution.computeNanos(),
				escalatedWork);
		if (answered > 0) {
			this.listener.inputsAnswered(this.index, answered);
		}
		List<Item> escalated = new ArrayList<>(size - answered);
		for (int i = 0; i < size; i++) {
			Item item = batch.get(i);
			item.request()
				.record(this.index, batchId, start - item.enqueuedNanos(), execution.computeNanos(), answers[i]);
			if (answers[i]) {
				item.request().answer(item.position(), predictions[i]);
			}
			else {
				escalated.add(new Item(item.request(), item.position(), item.enqueuedNanos(), predictions[i]));
			}
		}
		if (this.next != null && !escalated.isEmpty()) {
			this.next.accept(escalated);
		}
	}

	/**
	 * Returns how long the latest of a batch's requests still waits: the bound of the
	 * tier call, at least a nanosecond (the batch was runnable when taken).
	 */
	private Duration timeLeft(List<Item> batch) {
		long now = this.clock.getAsLong();
		long left = 1;
		for (Item item : batch) {
			left = Math.max(left, item.request().nanosLeft(now));
		}
		return Duration.ofNanos(left);
	}

	private TierException tierFailure(RuntimeException ex) {
		return (ex instanceof TierException tierException) ? tierException
				: new TierException("Tier '" + this.tierName + "' failed: " + ex, ex);
	}

	private void failBatch(List<Item> batch, TierException failure) {
		this.listener.batchFailed(this.index, this.tierName, batch.size(), failure);
		for (Item item : batch) {
			Prediction fallback = this.routing.fallback(item.previous(), failure);
			if (fallback != null) {
				item.request().answer(item.position(), fallback);
			}
			else {
				item.request().fail(failure);
			}
		}
	}

	private void rejectAll(List<Item> items, Reason reason) {
		Duration retryAfter = this.admission.retryAfter();
		for (Item item : items) {
			item.request().reject(reason, this.index, retryAfter);
		}
	}

}
