package dev.tango.admin.job.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The paging of job listings, checked alike by the REST API and the pages: a page lists
 * the jobs older than a job, named by its id, which is 1 or more.
 */
public final class JobPaging {

	private JobPaging() {
	}

	/**
	 * Checks where a page starts.
	 * @param before the job the page starts before, or {@code null} for the newest jobs
	 * @throws ResponseStatusException (400, saying why) if {@code before} is no job id
	 */
	public static void checkBefore(@Nullable Long before) {
		if (before != null && before < 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"before must be a job id, 1 or more, was " + before);
		}
	}

}
