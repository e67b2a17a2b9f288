package dev.tango.api.serving;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an outage of the registry seen by background work that reads or writes it: one
 * warning when its calls start failing, with the first failure, and one line when they
 * succeed again; nothing in between, so that a long outage does not fill the log.
 * Thread-safe.
 */
public final class RegistryOutageLog {

	private final Logger logger;

	private final String failing;

	private final String recovered;

	private volatile boolean down;

	/**
	 * Creates the log.
	 * @param owner the class whose logger the lines go to
	 * @param failing the warning logged as calls start failing, followed by {@code ": "}
	 * and the failure
	 * @param recovered the line logged as they succeed again
	 */
	public RegistryOutageLog(Class<?> owner, String failing, String recovered) {
		this.logger = LoggerFactory.getLogger(owner);
		this.failing = failing;
		this.recovered = recovered;
	}

	/**
	 * Records that a call failed; logs the warning if the one before succeeded.
	 * @param failure the failure
	 */
	public void failed(RuntimeException failure) {
		if (!this.down) {
			this.logger.warn("{}: {}", this.failing, failure.toString());
			this.down = true;
		}
	}

	/** Records that a call succeeded; logs the recovery if the one before failed. */
	public void succeeded() {
		if (this.down) {
			this.logger.info(this.recovered);
			this.down = false;
		}
	}

}
