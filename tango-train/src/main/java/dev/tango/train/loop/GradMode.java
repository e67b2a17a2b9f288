package dev.tango.train.loop;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets whether the PyTorch engine records operations for gradients (its grad mode) on the
 * current thread, for a scope, and puts back on close what the thread had before.
 *
 * <p>
 * PyTorch keeps grad mode per thread, and a thread starts with it on. DJL turns it off
 * only on the thread that happens to load the engine, and its gradient collector turns it
 * back off on close only where it found it off. What a thread has therefore depends on
 * its history: code that updates parameters in place (which PyTorch refuses while
 * recording) or runs a forward pass it means to record or not to record does not rely on
 * it, but opens one of these scopes, on whatever thread it runs:
 *
 * <pre>{@code
 * try (GradMode off = GradMode.off()) {
 *     weight.subi(update);
 * }
 * }</pre>
 *
 * <p>
 * A scope belongs to the thread that opened it and must be closed there, in the reverse
 * order of opening (as try-with-resources does); scopes nest.
 */
public final class GradMode implements AutoCloseable {

	private final boolean previous;

	private GradMode(boolean recording) {
		this.previous = JniUtils.isGradMode();
		JniUtils.setGradMode(recording);
	}

	/**
	 * Stops recording on the current thread until the scope closes: for in-place updates
	 * of parameters (an optimiser step, copying weights back) and for inference.
	 * @return the scope, to be closed on this thread
	 */
	public static GradMode off() {
		return new GradMode(false);
	}

	/**
	 * Records on the current thread until the scope closes: for a training forward pass
	 * and its backward pass.
	 * @return the scope, to be closed on this thread
	 */
	public static GradMode on() {
		return new GradMode(true);
	}

	/**
	 * Returns whether the engine records operations on the current thread.
	 * @return the current thread's grad mode
	 */
	static boolean isOn() {
		return JniUtils.isGradMode();
	}

	/**
	 * Puts back the grad mode the current thread had when the scope opened.
	 */
	@Override
	public void close() {
		JniUtils.setGradMode(this.previous);
	}

}
