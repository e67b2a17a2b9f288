package dev.tango.core.batching;

import java.time.Duration;
import java.util.Objects;

/**
 * How one stage of a {@link BatchingCascade} forms batches. The largest batch is the
 * stage's {@link dev.tango.core.cascade.Stage#batchSize() batch size}.
 *
 * @param maxDelay how long a worker waits at most, from the moment the oldest queued
 * input arrived, for a batch to fill before it runs what is there; it waits only while
 * inputs arrive fast enough that another is expected before the delay is over; zero or
 * more ({@code 0}: never wait)
 * @param queueCapacity the most inputs waiting in the stage's queue, at least 1; for the
 * first stage it bounds how many inputs are admitted and not yet started
 * @param workers the number of threads that call the tier, at least 1
 * @param lengthWindow how many batches' worth of queued inputs a worker takes at once, at
 * least 1: it sorts them by {@link dev.tango.core.tier.Tier#length length} and splits
 * them into batches, so that each batch holds inputs of similar length and wastes little
 * padding ({@code 1}: sort within a single batch). With several workers, a worker leaves
 * the others waiting for inputs their share of what is queued, so that they run in
 * parallel
 */
public record BatchingSettings(Duration maxDelay, int queueCapacity, int workers, int lengthWindow) {

	/**
	 * 2 ms delay, 1024 queued inputs, one worker, a window of 4 batches.
	 */
	public static final BatchingSettings DEFAULT = new BatchingSettings(Duration.ofMillis(2), 1024, 1, 4);

	public BatchingSettings {
		Objects.requireNonNull(maxDelay, "maxDelay");
		if (maxDelay.isNegative()) {
			throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
		}
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
		}
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, was " + workers);
		}
		if (lengthWindow < 1) {
			throw new IllegalArgumentException("lengthWindow must be at least 1, was " + lengthWindow);
		}
	}

	/**
	 * Returns these settings with another maximum delay.
	 * @param maxDelay the delay, zero or more
	 * @return the settings
	 */
	public BatchingSettings withMaxDelay(Duration maxDelay) {
		return new BatchingSettings(maxDelay, this.queueCapacity, this.workers, this.lengthWindow);
	}

	/**
	 * Returns these settings with another queue capacity.
	 * @param queueCapacity the capacity in inputs, at least 1
	 * @return the settings
	 */
	public BatchingSettings withQueueCapacity(int queueCapacity) {
		return new BatchingSettings(this.maxDelay, queueCapacity, this.workers, this.lengthWindow);
	}

	/**
	 * Returns these settings with another number of workers.
	 * @param workers the number of threads, at least 1
	 * @return the settings
	 */
	public BatchingSettings withWorkers(int workers) {
		return new BatchingSettings(this.maxDelay, this.queueCapacity, workers, this.lengthWindow);
	}

	/**
	 * Returns these settings with another length window.
	 * @param lengthWindow the window in batches, at least 1
	 * @return the settings
	 */
	public BatchingSettings withLengthWindow(int lengthWindow) {
		return new BatchingSettings(this.maxDelay, this.queueCapacity, this.workers, lengthWindow);
	}

}
