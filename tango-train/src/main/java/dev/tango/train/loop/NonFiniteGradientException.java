package dev.tango.train.loop;

/**
 * A step's gradient had NaN or infinite values, or its squared norm overflowed: the
 * optimiser left the parameters and its moments as they were and zeroed the gradients, so
 * that the next step starts clean.
 */
public final class NonFiniteGradientException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	NonFiniteGradientException(String message) {
		super(message);
	}

}
