package dev.tango.admin.ui.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.calibration.CalibrateJob;
import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobCurves;
import dev.tango.admin.job.JobKinds;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.job.web.JobPaging;
import dev.tango.admin.ui.JsonTable;
import dev.tango.admin.ui.SeriesPlot;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.runtime.encoder.BundledEncoder;

/**
 * Renders the job pages: the jobs newest first, a page at a time; a job followed live,
 * with its parameters and outcome as tables, and the forms that submit a job of each
 * kind. Jobs are submitted and changed by the pages' script through the REST API, never
 * by these handlers.
 */
@Controller
class JobPagesController {

	/** The most jobs the jobs page lists at once. */
	static final int PAGE = 50;

	private final Jobs jobs;

	private final JobCurves curves;

	private final JobKinds kinds;

	private final Datasets datasets;

	private final ModelRegistry registry;

	JobPagesController(Jobs jobs, JobCurves curves, JobKinds kinds, Datasets datasets, ModelRegistry registry) {
		this.jobs = jobs;
		this.curves = curves;
		this.kinds = kinds;
		this.datasets = datasets;
		this.registry = registry;
	}

	/**
	 * Jobs newest first, {@value #PAGE} to a page, only those in {@code status} if given,
	 * those older than job {@code before} if given; a link leads to the next older page.
	 */
	@GetMapping("/ui/jobs")
	String jobs(@RequestParam(required = false) @Nullable JobStatus status,
			@RequestParam(required = false) @Nullable Long before, Model model) {
		JobPaging.checkBefore(before);
		List<Job> found = this.jobs.list(status, before, PAGE + 1);
		List<Job> page = found.subList(0, Math.min(PAGE, found.size()));
		model.addAttribute("jobs", page);
		model.addAttribute("status", status);
		model.addAttribute("states", JobStatus.values());
		model.addAttribute("older", (found.size() > PAGE) ? page.get(PAGE - 1).id() : null);
		return "jobs";
	}

	@GetMapping("/ui/jobs/{id}")
	String job(@PathVariable long id, Model model) {
		Job job = this.jobs.require(id);
		model.addAttribute("job", job);
		model.addAttribute("parameters", JsonTable.of(job.parameters()));
		outcome(job, model);
		model.addAttribute("plots", SeriesPlot.of(this.curves.of(id), "step"));
		return "job";
	}

	/**
	 * The curves of a job alone, which the job page's script swaps in as the job runs.
	 */
	@GetMapping("/ui/jobs/{id}/curves")
	String jobCurves(@PathVariable long id, Model model) {
		this.jobs.require(id);
		model.addAttribute("plots", SeriesPlot.of(this.curves.of(id), "step"));
		return "job :: curves";
	}

	/**
	 * The outcome of a job alone (its error, its result as a table and the links it leads
	 * to), which the job page's script swaps in when the job ends.
	 */
	@GetMapping("/ui/jobs/{id}/outcome")
	String jobOutcome(@PathVariable long id, Model model) {
		outcome(this.jobs.require(id), model);
		return "job :: outcome";
	}

	/**
	 * The forms that submit a job of each kind, the one of {@code kind} (named in any
	 * case) shown first, calibration if it names no known kind.
	 */
	@GetMapping("/ui/jobs/new")
	String newJob(@RequestParam(required = false) @Nullable String kind, Model model) {
		model.addAttribute("kind",
				Optional.ofNullable(kind).flatMap(this.kinds::find).map(JobHandler::kind).orElse(CalibrateJob.KIND));
		model.addAttribute("cascades", this.registry.listCascades());
		model.addAttribute("models", this.registry.listModels());
		model.addAttribute("datasets", this.datasets.list());
		model.addAttribute("encoders", Arrays.stream(BundledEncoder.values()).map(BundledEncoder::id).toList());
		return "job-new";
	}

	private static void outcome(Job job, Model model) {
		model.addAttribute("job", job);
		model.addAttribute("result", JsonTable.of(job.result()));
	}

}
