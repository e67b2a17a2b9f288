package dev.tango.admin.job;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.UnicodeText;

/**
 * The error a job gets when its attempt throws an {@link Error} rather than an exception:
 * it ran out of memory or stack, or hit a fault of the JVM or of the installation (a
 * class or native library missing, an initializer that failed). Such an attempt is failed
 * at once, with a message that says what ran out and in which phase, and that restarting
 * the job as it is would very likely fail the same way: nothing restarts it on its own.
 * The message names no file or folder of the host: an error's own message is kept only
 * for an {@link OutOfMemoryError} (the JVM's short phrase for the memory that ran out,
 * such as {@code Java heap space}), and only when it holds no path separator.
 */
final class AttemptErrors {

	/** What the error of every such job says. */
	static final String NOT_RESTARTED = "the job is not restarted automatically";

	private AttemptErrors() {
	}

	/**
	 * Returns the job's error for an attempt that threw an error.
	 * @param error what the attempt threw
	 * @param phase the phase the attempt last reported, or {@code null} if none
	 * @return the message for people
	 */
	static String describe(Error error, @Nullable String phase) {
		String where = (phase != null) ? "while " + phase : "before it reported any progress";
		if (error instanceof OutOfMemoryError) {
			String memory = safe(error.getMessage());
			return "Ran out of memory" + ((memory != null) ? " (" + memory + ")" : "") + " " + where + "; "
					+ NOT_RESTARTED + ", and restarted as it is it would most likely run out again: give the instance "
					+ "more memory (a larger -Xmx, or the container's memory limit) or submit a job that needs less "
					+ "(fewer labels, fewer rows, a smaller model)";
		}
		if (error instanceof StackOverflowError) {
			return "Ran out of stack (StackOverflowError) " + where + "; " + NOT_RESTARTED
					+ ", and restarted as it is it would most likely overflow again: an input nested or repeated "
					+ "too deeply, or a fault to report with the instance's log";
		}
		return "Failed on an internal error (" + error.getClass().getSimpleName() + ") " + where + "; " + NOT_RESTARTED
				+ ": the instance's log has the details";
	}

	private static @Nullable String safe(@Nullable String message) {
		if (message == null || message.isBlank() || message.indexOf('/') >= 0 || message.indexOf('\\') >= 0) {
			return null;
		}
		return UnicodeText.abbreviate(message, 200);
	}

}
