package dev.tango.api.serving;

import org.jspecify.annotations.Nullable;

/**
 * A release plan's candidate version that failed to load, and how many times in a row:
 * each retry ({@code tango.api.load-retry-interval}) that fails again counts.
 *
 * @param last the latest failure, fit to show to anyone ({@link LoadFailure})
 * @param attempts how many loads of the version failed in a row, at least 1
 */
public record CandidateLoadFailure(LoadFailure last, int attempts) {

	/**
	 * Counts a failure of a candidate.
	 * @param before the candidate's failure so far, or {@code null} if it had none
	 * @param next the new failure
	 * @return one more failure in a row if the one before was of the same version, else
	 * the first
	 */
	static CandidateLoadFailure after(@Nullable CandidateLoadFailure before, LoadFailure next) {
		if (before != null && before.last.version() == next.version()) {
			return new CandidateLoadFailure(next, before.attempts + 1);
		}
		return new CandidateLoadFailure(next, 1);
	}

}
