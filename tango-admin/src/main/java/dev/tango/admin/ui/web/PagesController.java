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

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tango.admin.dataset.Datasets;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.registry.CascadeComparison;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.admin.security.SecurityConfiguration;
import dev.tango.admin.ui.ServingLine;
import dev.tango.admin.ui.LiveNumbers;
import dev.tango.core.calibration.ThresholdCurve;
import dev.tango.core.plot.CurvePlot;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.feedback.LiveAccuracy;
import dev.tango.models.registry.ActivationAction;
import dev.tango.models.registry.ActivationRecord;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.ServingReports;

/**
 * Renders the administration pages. Changes are made by the pages' script through the
 * REST API, never by these handlers.
 */
@Controller
class PagesController {

	private final ModelRegistry registry;

	private final Jobs jobs;

	private final Datasets datasets;

	private final CascadeTargets targets;

	private final ServingReports servingReports;

	private final FeedbackStore feedback;

	private final LiveNumbers liveNumbers;

	private final Clock clock = Clock.systemUTC();

	PagesController(ModelRegistry registry, Jobs jobs, Datasets datasets, CascadeTargets targets,
			ServingReports servingReports, FeedbackStore feedback, LiveNumbers liveNumbers) {
		this.liveNumbers = liveNumbers;
		this.registry = registry;
		this.jobs = jobs;
		this.datasets = datasets;
		this.targets = targets;
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
		model.addAttribute("jobs", this.jobs.list(null, null, 20));
		model.addAttribute("datasets", this.datasets.list());
		return "index";
	}

	/**
	 * The sign-in page; Spring Security reads the form it posts to the same path.
	 */
	@GetMapping("/login")
	String signIn() {
		return "login";
	}

	/**
	 * A {@code GET} of the sign-out address, which a page elsewhere can make (an image, a
	 * link): answered 405 with {@code Allow: POST}, signing nobody out. Signing out is a
	 * {@code POST}, which Spring Security's logout filter answers before any handler.
	 * @throws HttpRequestMethodNotSupportedException always
	 */
	@GetMapping(SecurityConfiguration.SIGN_OUT)
	void signOutByGet() throws HttpRequestMethodNotSupportedException {
		throw new HttpRequestMethodNotSupportedException(HttpMethod.GET.name(), List.of(HttpMethod.POST.name()));
	}

	@GetMapping("/ui/cascades/{cascade}")
	String cascade(@PathVariable String cascade, @RequestParam(required = false) @Nullable Integer calibrated,
			Model model) {
		List<CascadeVersion> versions = this.registry.requireCascadeVersions(cascade);
		Optional<ActiveCascade> active = this.registry.getActive(cascade);
		model.addAttribute("cascade", cascade);
		model.addAttribute("versions", versions.reversed());
		model.addAttribute("active", active.orElse(null));
		List<ActivationRecord> history = this.registry.history(cascade);
		model.addAttribute("history", history);
		model.addAttribute("rollbackTarget", active.map((current) -> rollbackTarget(current, history)).orElse(null));
		Instant now = this.clock.instant();
		List<ServingReport> reports = this.servingReports.list(cascade);
		model.addAttribute("serving", reports.stream().map((report) -> ServingLine.of(report, now)).toList());
		model.addAttribute("datasets", this.datasets.list());
		List<LiveAccuracy> liveAccuracy = this.feedback.liveAccuracy(cascade);
		model.addAttribute("liveAccuracy", liveAccuracy);
		model.addAttribute("numbers", this.liveNumbers.list(cascade, now));
		Map<Integer, List<CalibrationResult>> calibrations = new LinkedHashMap<>();
		versions.forEach((version) -> calibrations.put(version.version(),
				this.registry.listCalibrations(cascade, version.version())));
		model.addAttribute("calibrated", calibrated);
		model.addAttribute("calibration", calibration(cascade, calibrations, calibrated));
		model.addAttribute("calibratedVersions",
				calibrations.entrySet()
					.stream()
					.filter((entry) -> !entry.getValue().isEmpty())
					.map(Map.Entry::getKey)
					.toList());
		return "cascade";
	}

	/**
	 * Two versions of a cascade side by side, as {@code GET /api/cascades/{c}/compare}
	 * gives them. Without {@code to}, the active version (else the latest) is compared;
	 * without {@code from}, with the version before it, or, when it is the oldest, with
	 * the newest version, the older of the two shown first. A cascade of one version has
	 * no pair to show without both given: the page says so ({@code comparison} is
	 * {@code null}).
	 */
	@GetMapping("/ui/cascades/{cascade}/compare")
	String compare(@PathVariable String cascade, @RequestParam(required = false) @Nullable Integer from,
			@RequestParam(required = false) @Nullable Integer to, Model model) {
		List<CascadeVersion> versions = this.registry.requireCascadeVersions(cascade);
		int target = (to != null) ? to : this.targets.find(cascade, null).version();
		Integer other = (from != null) ? from : otherVersion(versions, target);
		model.addAttribute("cascade", cascade);
		model.addAttribute("versions", versions.reversed());
		@Nullable CascadeComparison comparison = null;
		if (other != null) {
			boolean newerChosen = from == null && other > target;
			comparison = newerChosen ? this.targets.compare(cascade, target, other)
					: this.targets.compare(cascade, other, target);
		}
		model.addAttribute("comparison", comparison);
		return "compare";
	}

	/**
	 * The version to compare a version with when none is named: the newest one before it,
	 * else the newest other one, else {@code null}.
	 * @param versions the cascade's versions, oldest first
	 * @param target the version to compare
	 */
	private static @Nullable Integer otherVersion(List<CascadeVersion> versions, int target) {
		List<Integer> others = versions.stream()
			.map(CascadeVersion::version)
			.filter((version) -> version != target)
			.toList();
		return others.stream()
			.filter((version) -> version < target)
			.reduce((older, newer) -> newer)
			.orElse(others.isEmpty() ? null : others.get(others.size() - 1));
	}

	/**
	 * The version a rollback would go back to, found in the history as the registry finds
	 * it: the version the newest activation of the active version replaced.
	 */
	private static @Nullable Integer rollbackTarget(ActiveCascade active, List<ActivationRecord> history) {
		int current = active.version().version();
		return history.stream()
			.filter((record) -> record.action() == ActivationAction.ACTIVATE && record.toVersion() == current)
			.findFirst()
			.map(ActivationRecord::fromVersion)
			.orElse(null);
	}

	/**
	 * The calibration to plot: of the version asked for (none if it has none), else of
	 * the newest version that has one. The calibrations of every version are given; a
	 * version asked for that is not among them is looked up, and fails as the registry
	 * does.
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
