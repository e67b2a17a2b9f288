package dev.tango.web;

import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SIGTERM as a request to stop: the application context closes gracefully (readiness goes
 * down, in-flight requests finish, batchers drain, tiers close) and the process then
 * exits with the context's exit code, 0 unless an
 * {@link org.springframework.boot.ExitCodeGenerator} says otherwise. Without it the JVM
 * runs the same shutdown but ends with status 143, which process supervisors read as a
 * failure.
 */
public final class TerminationSignal {

	private TerminationSignal() {
	}

	/**
	 * Replaces the JVM's SIGTERM handling for the rest of the process's life. Call it
	 * once the application has started; a SIGTERM during start-up keeps the JVM's
	 * default.
	 * @param context the running application
	 */
	public static void exitGracefully(ConfigurableApplicationContext context) {
		Signal.handle(new Signal("TERM"), (signal) -> System.exit(SpringApplication.exit(context)));
	}

}
