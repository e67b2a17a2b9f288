package dev.tango.core.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stage's bounded FIFO queue of inputs, from which workers take batches.
 *
 * <p>
 * Once closed it accepts nothing more; workers take what is left and then get an empty
 * batch, their signal to stop. Thread-safe.
 */
final class StageQueue {

	/** Weight of older samples in the mean time between arrivals: 1 - 1/4 per arrival. */
	private static final long ARRIVAL_SMOOTHING = 4;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<Item> items = new ArrayDeque<>();

	private final int capacity;

	private boolean closed;

	private volatile int depth;

	/** When inputs last arrived, {@link System#nanoTime()}; guarded by the lock. */
	private long lastArrivalNanos;

	/**
	 * Moving average of the time between arriving inputs; {@code -1} until two arrivals
	 * were seen. Guarded by the lock.
	 */
	private long arrivalGapNanos = -1;

	private boolean seenArrival;

	/** Workers inside {@link #take}, waiting for items; guarded by the lock. */
	private int takers;

	StageQueue(int capacity) {
		this.capacity = capacity;
	}

	int capacity() {
		return this.capacity;
	}

	/**
	 * Returns the number of queued inputs, without locking.
	 * @return the depth, possibly slightly stale
	 */
	int depth() {
		return this.depth;
	}

	/**
	 * Returns how many workers are waiting in {@link #take}.
	 * @return the number of waiting workers
	 */
	int takers() {
		this.lock.lock();
		try {
			return this.takers;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Adds all the items, or none if they do not all fit.
	 * @param batch the items
	 * @return the outcome
	 */
	Offer offerAll(List<Item> batch) {
		this.lock.lock();
		try {
			if (this.closed) {
				return Offer.CLOSED;
			}
			if (this.items.size() + batch.size() > this.capacity) {
				return Offer.FULL;
			}
			add(batch);
			return Offer.ACCEPTED;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Adds as many of the items, in order, as fit.
	 * @param batch the items
	 * @return how many were added: a prefix of {@code batch}
	 */
	int offerPrefix(List<Item> batch) {
		this.lock.lock();
		try {
			if (this.closed) {
				return 0;
			}
			int accepted = Math.min(batch.size(), this.capacity - this.items.size());
			add(batch.subList(0, accepted));
			return accepted;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void add(List<Item> batch) {
		if (!batch.isEmpty()) {
			learnArrivals(batch.size());
			this.items.addAll(batch);
			this.depth = this.items.size();
			this.changed.signalAll();
		}
	}

	private void learnArrivals(int count) {
		long now = System.nanoTime();
		if (this.seenArrival) {
			long gap = (now - this.lastArrivalNanos) / count;
			long previous = this.arrivalGapNanos;
			this.arrivalGapNanos = (previous < 0) ? gap : previous + (gap - previous) / ARRIVAL_SMOOTHING;
		}
		this.seenArrival = true;
		this.lastArrivalNanos = now;
	}

	/**
	 * Takes the next items for a worker, waiting while the queue is empty. Once there is
	 * an item, waits until {@code batchSize} items are queued or {@code maxDelayNanos}
	 * has passed since the oldest was queued, whichever comes first; but it waits only
	 * while another input is expected before the delay is over, from the mean time
	 * between recent arrivals (before a rate is known, it waits). When inputs arrive more
	 * slowly than that, waiting would only add latency: the worker takes what is queued
	 * at once. A worker leaves the other workers waiting in this method their share of
	 * the items: it takes at most the queued items divided by the number of waiting
	 * workers, itself included.
	 * @param batchSize the size of a full batch
	 * @param limit the most items to take, at least {@code batchSize}
	 * @param maxDelayNanos the longest wait for a batch to fill
	 * @return the oldest items, at most {@code limit}; empty once the queue is closed and
	 * empty
	 */
	List<Item> take(int batchSize, int limit, long maxDelayNanos) {
		this.lock.lock();
		this.takers++;
		try {
			while (true) {
				while (this.items.isEmpty()) {
					if (this.closed) {
						return List.of();
					}
					this.changed.awaitUninterruptibly();
				}
				awaitFill(batchSize, maxDelayNanos);
				if (!this.items.isEmpty()) {
					return poll(limit);
				}
			}
		}
		finally {
			this.takers--;
			this.lock.unlock();
		}
	}

	private void awaitFill(int batchSize, long maxDelayNanos) {
		while (!this.closed && !this.items.isEmpty() && this.items.size() < batchSize) {
			long waited = System.nanoTime() - this.items.getFirst().enqueuedNanos();
			long remaining = maxDelayNanos - waited;
			if (remaining <= 0 || this.arrivalGapNanos > remaining) {
				return;
			}
			try {
				this.changed.await(remaining, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				// Workers stop when the queue closes; an interrupt only ends the wait.
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private List<Item> poll(int limit) {
		// Leave the other waiting workers their share, so that they run in parallel.
		int share = Math.ceilDiv(this.items.size(), this.takers);
		int count = Math.min(limit, share);
		List<Item> taken = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			taken.add(this.items.pollFirst());
		}
		this.depth = this.items.size();
		if (!this.items.isEmpty()) {
			this.changed.signal();
		}
		return taken;
	}

	/**
	 * Accepts nothing more; workers finish what is queued.
	 */
	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns whether the queue is closed.
	 * @return {@code true} once closed
	 */
	boolean isClosed() {
		this.lock.lock();
		try {
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes the queue and removes everything in it.
	 * @return the removed items, oldest first
	 */
	List<Item> abort() {
		this.lock.lock();
		try {
			this.closed = true;
			List<Item> left = new ArrayList<>(this.items);
			this.items.clear();
			this.depth = 0;
			this.changed.signalAll();
			return left;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The outcome of {@link #offerAll(List)}.
	 */
	enum Offer {

		ACCEPTED, FULL, CLOSED

	}

}
