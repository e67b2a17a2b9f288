package dev.tango.api.serving;

/**
 * A release plan's candidate version that failed to load, and how many times in a row:
 * each retry ({@code tango.api.load-retry-interval}) that fails again counts.
 *
 * @param last the latest failure, fit to show to anyone ({@link LoadFailure})
 * @param attempts how many loads of the version failed in a row, at least 1
 */
public record CandidateLoadFailure(LoadFailure last, int attempts) {

	/**
	 * Counts a failure after this one.
	 * @param next the failure
	 * @return this failure again if it was of the same version, else the first of
	 * another's
	 */
	CandidateLoadFailure then(LoadFailure next) {
		return (next.version() == this.last.version()) ? new CandidateLoadFailure(next, this.attempts + 1)
				: new CandidateLoadFailure(next, 1);
	}

}
