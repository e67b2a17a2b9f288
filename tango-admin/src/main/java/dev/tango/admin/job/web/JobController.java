package dev.tango.admin.job.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;

/**
 * Lists, shows, cancels and restarts jobs. Jobs are submitted through the endpoints of
 * their kind: {@code /api/jobs/fit-head}, {@code /api/jobs/evaluate},
 * {@code /api/jobs/calibrate}.
 */
@RestController
@RequestMapping("/api/jobs")
@Tag(name = "jobs", description = "Fitting, evaluation and calibration jobs")
class JobController {

	private final Jobs jobs;

	JobController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	@Operation(summary = "List jobs, newest first")
	List<Job> list(@RequestParam(required = false) @Nullable JobStatus status,
			@RequestParam(defaultValue = "50") int limit) {
		return this.jobs.list(status, Math.max(1, Math.min(limit, 1000)));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Show a job with its progress and, once done, its result or error")
	Job show(@PathVariable long id) {
		return this.jobs.require(id);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a job: at once if queued, within a heartbeat if running")
	Job cancel(@PathVariable long id) {
		return this.jobs.cancel(id);
	}

	@PostMapping("/{id}/restart")
	@Operation(summary = "Queue a failed or cancelled job again")
	Job restart(@PathVariable long id) {
		return this.jobs.restart(id);
	}

}
