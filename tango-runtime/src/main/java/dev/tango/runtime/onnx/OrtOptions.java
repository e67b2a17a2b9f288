package dev.tango.runtime.onnx;

/**
 * ONNX Runtime settings of one tier.
 *
 * @param intraOpThreads threads that one inference uses inside an operator, 1 to
 * {@value #MAX_THREADS}. The default 1 gives the least CPU per input; more cut latency at
 * a higher total cost
 * @param interOpThreads threads that run independent operators in parallel, 1 to
 * {@value #MAX_THREADS} (sessions run sequentially, so 1 is enough)
 * @param optimization the graph optimisation level; the default
 * {@link GraphOptimization#EXTENDED} was measured fastest on the int8 MiniLM encoder (see
 * the module's README)
 * @param memoryArena whether ONNX Runtime's CPU memory arena is enabled: faster, but it
 * keeps the memory of the largest batch seen
 * @param concurrency how many inferences of the tier may run at once, each on its own
 * pooled DJL predictor, at least 1; callers beyond it wait
 * @param activationQuantization how a dynamically quantised model scales its activations:
 * per batch as exported (the default), or per token, so that answers do not depend on the
 * batch
 */
public record OrtOptions(int intraOpThreads, int interOpThreads, GraphOptimization optimization, boolean memoryArena,
		int concurrency, ActivationQuantization activationQuantization) {

	/** The default graph optimisation level. */
	public static final GraphOptimization DEFAULT_OPTIMIZATION = GraphOptimization.EXTENDED;

	/** The most threads of either pool: more would only exhaust the host's threads. */
	public static final int MAX_THREADS = 256;

	public OrtOptions {
		if (intraOpThreads < 1 || intraOpThreads > MAX_THREADS) {
			throw new IllegalArgumentException(
					"intraOpThreads must be between 1 and " + MAX_THREADS + ", was " + intraOpThreads);
		}
		if (interOpThreads < 1 || interOpThreads > MAX_THREADS) {
			throw new IllegalArgumentException(
					"interOpThreads must be between 1 and " + MAX_THREADS + ", was " + interOpThreads);
		}
		if (optimization == null) {
			throw new IllegalArgumentException("optimization must not be null");
		}
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
		if (activationQuantization == null) {
			throw new IllegalArgumentException("activationQuantization must not be null");
		}
	}

	/**
	 * Returns the defaults: one intra-op and one inter-op thread,
	 * {@link #DEFAULT_OPTIMIZATION}, the memory arena on, as many concurrent inferences
	 * as there are available processors, and activations quantised as the model was
	 * exported.
	 * @return the defaults
	 */
	public static OrtOptions defaults() {
		return new OrtOptions(1, 1, DEFAULT_OPTIMIZATION, true, Runtime.getRuntime().availableProcessors(),
				ActivationQuantization.PER_BATCH);
	}

	/**
	 * Returns a copy with another number of intra-op threads.
	 * @param threads the threads, at least 1
	 * @return the copy
	 */
	public OrtOptions withIntraOpThreads(int threads) {
		return new OrtOptions(threads, this.interOpThreads, this.optimization, this.memoryArena, this.concurrency,
				this.activationQuantization);
	}

	/**
	 * Returns a copy with another graph optimisation level.
	 * @param level the level
	 * @return the copy
	 */
	public OrtOptions withOptimization(GraphOptimization level) {
		return new OrtOptions(this.intraOpThreads, this.interOpThreads, level, this.memoryArena, this.concurrency,
				this.activationQuantization);
	}

	/**
	 * Returns a copy with the memory arena on or off.
	 * @param enabled whether the arena is enabled
	 * @return the copy
	 */
	public OrtOptions withMemoryArena(boolean enabled) {
		return new OrtOptions(this.intraOpThreads, this.interOpThreads, this.optimization, enabled, this.concurrency,
				this.activationQuantization);
	}

	/**
	 * Returns a copy with another concurrency.
	 * @param inferences the most concurrent inferences, at least 1
	 * @return the copy
	 */
	public OrtOptions withConcurrency(int inferences) {
		return new OrtOptions(this.intraOpThreads, this.interOpThreads, this.optimization, this.memoryArena, inferences,
				this.activationQuantization);
	}

	/**
	 * Returns a copy with another activation quantisation.
	 * @param quantization how a dynamically quantised model scales its activations
	 * @return the copy
	 */
	public OrtOptions withActivationQuantization(ActivationQuantization quantization) {
		return new OrtOptions(this.intraOpThreads, this.interOpThreads, this.optimization, this.memoryArena,
				this.concurrency, quantization);
	}

}
