package dev.tango.e2e;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints what the services of a test logged last when the test fails, so that a failure
 * in a separate process is explained in the test's own output.
 */
final class LogsOnFailure implements TestWatcher {

	private final Supplier<String> logs;

	private LogsOnFailure(Supplier<String> logs) {
		this.logs = logs;
	}

	/**
	 * Returns the extension.
	 * @param logs the last lines to print, read when a test fails; empty for none
	 * @return the extension, to register with {@code @RegisterExtension}
	 */
	static LogsOnFailure printing(Supplier<String> logs) {
		return new LogsOnFailure(logs);
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		String lines = this.logs.get();
		if (!lines.isEmpty()) {
			System.err.println(lines);
		}
	}

}
