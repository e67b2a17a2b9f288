package dev.tango.bench.load;

import java.util.Collection;

/**
 * What one open-loop point measured, over the requests due in its window.
 *
 * <p>
 * A request is refused if the service answered 429 (it was not admitted); every other
 * request was admitted, and succeeded only with 200 (a 503 means its deadline passed
 * after admission). Latencies run from when each request was due to be sent.
 *
 * @param offeredPerSecond the rate the requests were sent at
 * @param sent the requests due in the window
 * @param succeeded those answered 200
 * @param refused those answered 429
 * @param timedOut those answered 503
 * @param errors the rest: another status, an I/O error, or no answer within a minute
 * @param successP50Nanos median latency of the requests that succeeded
 * @param successP99Nanos 99th percentile latency of the requests that succeeded
 * @param refusalP99Nanos 99th percentile latency of the refusals
 * @param goodputPerSecond successful requests per second of the window
 */
public record OpenLoopSummary(double offeredPerSecond, long sent, long succeeded, long refused, long timedOut,
		long errors, long successP50Nanos, long successP99Nanos, long refusalP99Nanos, double goodputPerSecond) {

	/**
	 * Summarises the outcomes of an open-loop window.
	 * @param offeredPerSecond the rate the requests were sent at
	 * @param sent the requests due in the window
	 * @param outcomes the answered ones, each {@code {status, latency in nanoseconds}}
	 * (status {@code -1} for an I/O error)
	 * @param windowNanos the length of the window
	 * @return the summary
	 */
	static OpenLoopSummary of(double offeredPerSecond, long sent, Collection<long[]> outcomes, long windowNanos) {
		long[] successes = outcomes.stream().filter((o) -> o[0] == 200).mapToLong((o) -> o[1]).sorted().toArray();
		long[] refusals = outcomes.stream().filter((o) -> o[0] == 429).mapToLong((o) -> o[1]).sorted().toArray();
		long timedOut = outcomes.stream().filter((o) -> o[0] == 503).count();
		long errors = sent - successes.length - refusals.length - timedOut;
		return new OpenLoopSummary(offeredPerSecond, sent, successes.length, refusals.length, timedOut, errors,
				LatencySummary.percentile(successes, 50), LatencySummary.percentile(successes, 99),
				LatencySummary.percentile(refusals, 99), successes.length / (windowNanos / 1e9));
	}

	/**
	 * Returns the requests admitted: all but the refused.
	 * @return the count
	 */
	public long admitted() {
		return this.sent - this.refused;
	}

	/**
	 * Returns the share of admitted requests that succeeded.
	 * @return in [0, 1]; {@code 1} if none was admitted
	 */
	public double admittedSuccess() {
		return (admitted() == 0) ? 1 : (double) this.succeeded / admitted();
	}

}
