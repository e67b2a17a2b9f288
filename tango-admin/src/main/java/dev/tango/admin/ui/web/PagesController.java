package dev.tango.admin.ui.web;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobCurves;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.ui.SeriesPlot;
import dev.tango.admin.ui.ServingLine;
import dev.tango.core.calibration.ThresholdCurve;
import dev.tango.core.plot.CurvePlot;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.models.serving.ServingReports;

/**
 * Renders the administration pages. Changes are made by the pages' script through the
 * REST API, never by these handlers.
 */
@Controller
class PagesController {

	private final ModelRegistry registry;

	private final Jobs jobs;

	private final JobCurves curves;

	private final Datasets datasets;

	private final JsonMapper json;

	private final ServingReports servingReports;

	private final FeedbackStore feedback;

	private final Clock clock = Clock.systemUTC();

	PagesController(ModelRegistry registry, Jobs jobs, JobCurves curves, Datasets datasets, JsonMapper json,
			ServingReports servingReports, FeedbackStore feedback) {
		this.registry = registry;
		this.jobs = jobs;
		this.curves = curves;
		this.datasets = datasets;
		this.json = json;
		this.servingReports = servingReports;
		this.feedback = feedback;
	}

	@GetMapping("/")
	String index(Model model) {
		Map<String, ActiveCascade> active = this.registry.listActive()
			.stream()
			.collect(Collectors.toMap((cascade) -> cascade.version().cascade(), Function.identity()));
		List<CascadeRow> cascades = this.registry.listCascades()
			.stream()
			.map((name) -> new CascadeRow(name, this.registry.listCascadeVersions(name).size(), active.get(name)))
			.toList();
		model.addAttribute("cascades", cascades);
		model.addAttribute("jobs", this.jobs.list(null, 20));
		model.addAttribute("datasets", this.datasets.list());
		return "index";
	}

	@GetMapping("/ui/cascades/{cascade}")
	String cascade(@PathVariable String cascade, @RequestParam(required = false) @Nullable Integer calibrated,
			Model model) {
		List<CascadeVersion> versions = this.registry.listCascadeVersions(cascade);
		if (versions.isEmpty()) {
			throw new RegistryNotFoundException("No cascade '" + cascade + "'");
		}
		Optional<ActiveCascade> active = this.registry.getActive(cascade);
		model.addAttribute("cascade", cascade);
		model.addAttribute("versions", versions.reversed());
		model.addAttribute("active", active.orElse(null));
		model.addAttribute("history", this.registry.history(cascade));
		Instant now = this.clock.instant();
		model.addAttribute("serving",
				this.servingReports.list(cascade).stream().map((report) -> ServingLine.of(report, now)).toList());
		model.addAttribute("datasets", this.datasets.list());
		model.addAttribute("liveAccuracy", this.feedback.liveAccuracy(cascade));
		Map<Integer, List<CalibrationResult>> calibrations = new LinkedHashMap<>();
		versions.forEach((version) -> calibrations.put(version.version(),
				this.registry.listCalibrations(cascade, version.version())));
		model.addAttribute("calibration", calibration(cascade, calibrations, calibrated));
		model.addAttribute("calibratedVersions",
				calibrations.entrySet()
					.stream()
					.filter((entry) -> !entry.getValue().isEmpty())
					.map(Map.Entry::getKey)
					.toList());
		return "cascade";
	}

	@GetMapping("/ui/jobs/{id}")
	String job(@PathVariable long id, Model model) {
		Job job = this.jobs.require(id);
		model.addAttribute("job", job);
		model.addAttribute("parameters",
				this.json.writerWithDefaultPrettyPrinter().writeValueAsString(job.parameters()));
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
	 * The calibration to plot: of the version asked for, else of the newest version that
	 * has one. The calibrations of every version are given; a version asked for that is
	 * not among them is looked up, and fails as the registry does.
	 */
	private @Nullable CalibrationView calibration(String cascade, Map<Integer, List<CalibrationResult>> calibrations,
			@Nullable Integer calibrated) {
		List<Integer> candidates = (calibrated != null) ? List.of(calibrated)
				: List.copyOf(calibrations.keySet()).reversed();
		for (int version : candidates) {
			List<CalibrationResult> results = calibrations.containsKey(version) ? calibrations.get(version)
					: this.registry.listCalibrations(cascade, version);
			if (!results.isEmpty()) {
				return CalibrationView.of(cascade, version, results.get(results.size() - 1));
			}
		}
		return null;
	}

	/**
	 * A cascade on the index page.
	 *
	 * @param name its name
	 * @param versions how many versions it has
	 * @param active its active version, or {@code null}
	 */
	record CascadeRow(String name, int versions, @Nullable ActiveCascade active) {

	}

	/**
	 * A calibration shown with its first gate's curve, drawn as the bench's {@code plot}
	 * draws a curve file.
	 *
	 * @param version the cascade version it belongs to
	 * @param result the calibration
	 * @param curve its first gate's curve
	 * @param svg the curve drawn, or {@code null} if it has fewer than two points
	 */
	record CalibrationView(int version, CalibrationResult result, ThresholdCurve curve, @Nullable String svg) {

		static CalibrationView of(String cascade, int version, CalibrationResult result) {
			List<ThresholdCurve.Point> points = result.curve()
				.stream()
				.filter((point) -> point.gate() == 0)
				.map((point) -> new ThresholdCurve.Point(point.threshold(), point.accuracy(), point.escalation(),
						point.estimatedSpeedup()))
				.toList();
			ThresholdCurve curve = new ThresholdCurve(0, points, result.thresholds().getOrDefault(0, 1.0), null);
			String svg = (points.size() < 2) ? null : CurvePlot.svg(curve,
					cascade + " version " + version + ": " + result.policy() + " on " + result.datasetName());
			return new CalibrationView(version, result, curve, svg);
		}

	}

}
