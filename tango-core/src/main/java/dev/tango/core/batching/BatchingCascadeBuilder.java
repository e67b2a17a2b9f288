package dev.tango.core.batching;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

import dev.tango.core.cascade.Stage;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link BatchingCascade}. Not thread-safe.
 */
public final class BatchingCascadeBuilder {

	final List<Stage> stages;

	final BatchingSettings[] settings;

	Duration defaultTimeout = Duration.ofSeconds(10);

	Duration shutdownTimeout = Duration.ofSeconds(30);

	LongSupplier clock = System::nanoTime;

	BatchingListener listener = BatchingListener.NONE;

	@Nullable ThreadFactory threadFactory;

	double admissionMargin = 0.5;

	BatchingCascadeBuilder(List<Stage> stages) {
		this.stages = List.copyOf(stages);
		if (this.stages.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one stage");
		}
		this.settings = new BatchingSettings[this.stages.size()];
		Arrays.fill(this.settings, BatchingSettings.DEFAULT);
	}

	/**
	 * Sets the batching settings of every stage (default
	 * {@link BatchingSettings#DEFAULT}).
	 * @param settings the settings
	 * @return this builder
	 */
	public BatchingCascadeBuilder batching(BatchingSettings settings) {
		Objects.requireNonNull(settings, "settings");
		Arrays.fill(this.settings, settings);
		return this;
	}

	/**
	 * Sets the batching settings of one stage.
	 * @param stage the zero-based stage index
	 * @param settings the settings
	 * @return this builder
	 */
	public BatchingCascadeBuilder batching(int stage, BatchingSettings settings) {
		Objects.checkIndex(stage, this.settings.length);
		this.settings[stage] = Objects.requireNonNull(settings, "settings");
		return this;
	}

	/**
	 * Sets the timeout of requests that do not set one (default 10 s).
	 * @param timeout a positive timeout
	 * @return this builder
	 */
	public BatchingCascadeBuilder defaultTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		this.defaultTimeout = timeout;
		return this;
	}

	/**
	 * Sets how long {@link BatchingCascade#close()} lets queued work finish (default 30
	 * s).
	 * @param timeout the timeout, zero or more
	 * @return this builder
	 */
	public BatchingCascadeBuilder shutdownTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
		}
		this.shutdownTimeout = timeout;
		return this;
	}

	/**
	 * Sets the clock that request deadlines are measured with (default
	 * {@link System#nanoTime()}). Batching delays and reported durations always use
	 * {@link System#nanoTime()}.
	 * @param nanos a monotonic clock in nanoseconds, thread-safe
	 * @return this builder
	 */
	public BatchingCascadeBuilder clock(LongSupplier nanos) {
		this.clock = Objects.requireNonNull(nanos, "nanos");
		return this;
	}

	/**
	 * Sets the share of each request's timeout kept in reserve against errors of the
	 * admission estimate (default 0.5): a request is admitted only if the work ahead of
	 * it and its own are estimated to take at most {@code (1 - margin)} times its
	 * timeout.
	 * @param margin the share, in [0, 1)
	 * @return this builder
	 */
	public BatchingCascadeBuilder admissionMargin(double margin) {
		if (!(margin >= 0 && margin < 1)) {
			throw new IllegalArgumentException("margin must be in [0, 1), was " + margin);
		}
		this.admissionMargin = margin;
		return this;
	}

	/**
	 * Sets the listener that receives events (default {@link BatchingListener#NONE}).
	 * @param listener the listener
	 * @return this builder
	 */
	public BatchingCascadeBuilder listener(BatchingListener listener) {
		this.listener = Objects.requireNonNull(listener, "listener");
		return this;
	}

	/**
	 * Sets the factory of worker threads (default: daemon platform threads named
	 * {@code tango-stage-<stage>-<n>}).
	 * @param threadFactory the factory
	 * @return this builder
	 */
	public BatchingCascadeBuilder threadFactory(ThreadFactory threadFactory) {
		this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
		return this;
	}

	/**
	 * Builds the cascade, not started.
	 * @return the cascade
	 */
	public BatchingCascade build() {
		return new BatchingCascade(this);
	}

}
