package dev.tango.api.serving;

import java.time.Instant;

/**
 * Work that runs on the {@link ServingReporter}'s thread, after the serving reports,
 * about once a second: one thread writes what an instance reports to the registry.
 * Implementations are beans; each call is guarded, so one that throws does not stop the
 * others.
 */
public interface PeriodicReport {

	/**
	 * Does this turn's work.
	 * @param now the time of this turn
	 * @param instance the identity under which this instance reports
	 */
	void report(Instant now, String instance);

	/**
	 * Withdraws what this instance reported, as the service stops; best effort, with the
	 * database's query timeout.
	 * @param instance the identity under which this instance reports
	 */
	void withdraw(String instance);

}
