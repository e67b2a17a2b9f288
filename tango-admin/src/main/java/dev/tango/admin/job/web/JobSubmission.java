package dev.tango.admin.job.web;

import java.net.URI;

import tools.jackson.databind.json.JsonMapper;

import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobKind;
import dev.tango.admin.job.Jobs;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Queues jobs for the submission endpoints of each kind: checks the parameters first (400
 * if invalid), answers 202 with the job and its location.
 */
@Component
public class JobSubmission {

	private final Jobs jobs;

	private final JsonMapper json;

	public JobSubmission(Jobs jobs, JsonMapper json) {
		this.jobs = jobs;
		this.json = json;
	}

	/**
	 * Checks and queues a job.
	 * @param kind its kind
	 * @param parameters its parameters
	 * @param check checks the parameters, throwing {@link IllegalArgumentException} if
	 * invalid
	 * @param actor who submits it
	 * @return 202 with the queued job
	 */
	public ResponseEntity<Job> submit(JobKind kind, Object parameters, Runnable check, String actor) {
		try {
			check.run();
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
		Job job = this.jobs.submit(kind, this.json.valueToTree(parameters), actor);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(job);
	}

}
