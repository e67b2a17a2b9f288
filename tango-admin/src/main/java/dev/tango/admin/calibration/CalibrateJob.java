package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.evaluation.EvaluationReport;
import dev.tango.admin.evaluation.JobData;
import dev.tango.admin.evaluation.LabelledInputs;
import dev.tango.admin.evaluation.TierScoring;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.JobHandler;
import dev.tango.core.calibration.CrossFitting;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.StratifiedFolds;
import dev.tango.core.calibration.TemperatureScaling;
import dev.tango.core.calibration.ThresholdChoice;
import dev.tango.core.calibration.ThresholdPolicy;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.calibration.TierPredictions;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.TextInput;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CalibrationPoint;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.NewCalibration;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.registry.RegistryConflictException;

/**
 * Calibrates a cascade version on a labelled data set:
 * <ol>
 * <li>loads the cascade version, runs every tier once over the rows, and closes it;</li>
 * <li>optionally fits each gated tier's temperature;</li>
 * <li>measures each tier's cost per input on this host at several batch sizes and ONNX
 * Runtime intra-op thread counts, keeping the cheapest (see
 * {@link CostMeasurement});</li>
 * <li>sweeps the thresholds over the rows and lets the policy choose;</li>
 * <li>reports the chosen thresholds on rows the choice did not see. By default the
 * thresholds are chosen on every row and the report is cross-fitted: the rows are split
 * into folds (label by label, seeded), the policy (and the temperature fit) runs again on
 * all folds but one, and each fold's rows are answered with what was chosen without them
 * (see {@link CrossFitting}). With a calibration fraction, a held-out part is set aside
 * instead: the thresholds are chosen on the rest and reported on that part;</li>
 * <li>creates a new cascade version with the chosen thresholds and temperatures and the
 * cheapest batch size and thread count of each tier, records the calibration (with its
 * curve) for it, and optionally activates it.</li>
 * </ol>
 * Degenerate inputs (a data set or split with one label, too few rows, NaN scores) fail
 * the job with a message saying so.
 */
@Component
public class CalibrateJob implements JobHandler<CalibrateParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "CALIBRATE";

	private static final Logger logger = LoggerFactory.getLogger(CalibrateJob.class);

	private static final int MAX_PARAMETER = 2048;

	private final JobData data;

	private final CascadeVersionLoader loader;

	private final ModelRegistry registry;

	CalibrateJob(JobData data, CascadeVersionLoader loader, ModelRegistry registry) {
		this.data = data;
		this.loader = loader;
		this.registry = registry;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<CalibrateParameters> parametersType() {
		return CalibrateParameters.class;
	}

	@Override
	public CalibrationReport run(CalibrateParameters parameters, JobContext context) {
		try {
			parameters.check();
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		context.progress("reading the data set", 0, 0, null);
		JobData.Loaded data = this.data.load(parameters.cascade(), parameters.version(), parameters.datasetId(),
				parameters.split(), 4, "calibration (at least 2 rows to choose on and 2 to report on)");
		CascadeVersion source = data.version();
		LabelledInputs all = data.inputs();
		if (source.tiers().size() < 2) {
			throw new JobFailedException("Cascade " + source.cascade() + " version " + source.version()
					+ " has a single tier: there is no threshold to calibrate");
		}
		if (all.distinctLabels() < 2) {
			throw new JobFailedException("Every row of the data set " + data.description()
					+ " has the same label: accuracy cannot be calibrated on one label");
		}
		Validation validation = validation(parameters, data);
		context.progress("loading the cascade", 2, 0, null);
		List<Stage> stages;
		TierScoring.Scored scores;
		try (LoadedCascadeVersion loaded = this.loader.load(source)) {
			stages = loaded.stages();
			scores = TierScoring.score(stages, all.inputs(), context, "scoring the data set", 5, 75);
		}
		// Closed before the costs are measured, which loads the version again: from here
		// on only the stages' settings and the tiers' activations are read.
		return calibrate(parameters, context, source, data.dataset(), all, validation, new Scoring(stages, scores));
	}

	private static Validation validation(CalibrateParameters parameters, JobData.Loaded data) {
		LabelledInputs all = data.inputs();
		int[] truth = all.truth();
		if (parameters.crossFitted()) {
			int folds = parameters.foldsOrDefault();
			if (all.size() < folds) {
				throw new JobFailedException("The data set " + data.description() + " has " + all.size() + " rows: "
						+ folds + "-fold cross-fitting needs at least " + folds
						+ ", one per fold; ask for fewer folds");
			}
			return new CrossFit(StratifiedFolds.assign(truth, folds, parameters.seedOrDefault()), folds);
		}
		StratifiedSplit split = StratifiedSplit.of(truth, parameters.calibrationFraction(), parameters.seedOrDefault());
		if (split.calibration().length < 2 || split.heldOut().length < 2) {
			throw new JobFailedException("Splitting " + all.size() + " rows at " + parameters.calibrationFraction()
					+ " leaves " + split.calibration().length + " rows to calibrate on and " + split.heldOut().length
					+ " to report on; each part needs at least 2");
		}
		return new HeldOutPart(split.calibration(), split.heldOut());
	}

	private CalibrationReport calibrate(CalibrateParameters parameters, JobContext context, CascadeVersion source,
			Dataset dataset, LabelledInputs all, Validation validation, Scoring scoring) {
		List<Double> temperatures = scoring.temperatures(parameters, all.truth(), validation.choosing());
		LabelledPredictions predictions = scoring.predictions(temperatures, all.truth());
		LabelledPredictions choosing = predictions.select(validation.choosing());

		List<CostMeasurement.TierCost> costs;
		if (!Boolean.FALSE.equals(parameters.measureCosts())) {
			costs = CostMeasurement.measure(this.loader, source,
					sample(all.select(validation.choosing()).inputs(), parameters), parameters.batchSizesOrDefault(),
					parameters.threadCountsOrDefault(), context, 75, 95);
		}
		else {
			costs = new ArrayList<>();
			for (CascadeTier tier : source.tiers()) {
				int k = tier.index();
				CostMeasurement.Setting setting = new CostMeasurement.Setting(tier.batchSize(), tier.intraOpThreads(),
						scoring.scores().nanosPerInput(k));
				costs.add(new CostMeasurement.TierCost(k, tier.model().key().toString(), setting, List.of(setting)));
			}
		}
		TierCosts tierCosts = new TierCosts(costs.stream().map((cost) -> cost.best().nanosPerInput()).toList());

		context.progress("choosing thresholds", 95, 0, null);
		ThresholdSweep sweep = ThresholdSweep.of(choosing, tierCosts);
		PolicySpec policy = parameters.policyOrDefault();
		ThresholdPolicy thresholdPolicy = policy.toPolicy();
		ThresholdChoice choice = thresholdPolicy.choose(sweep);
		CalibrationReport.HeldOut heldOut = switch (validation) {
			case CrossFit crossFit -> {
				context.progress("cross-fitting the thresholds", 96, 0, null);
				boolean refit = Boolean.TRUE.equals(parameters.temperatureScaling());
				yield crossFitted(CrossFitting.estimate(thresholdPolicy, crossFit.folds(),
						(fold) -> refit ? scoring.predictions(
								scoring.temperatures(parameters, all.truth(), crossFit.without(fold)), all.truth())
								: predictions,
						tierCosts), predictions);
			}
			case HeldOutPart part -> {
				LabelledPredictions reportedOn = predictions.select(part.heldOut());
				yield heldOut(ThresholdSweep.of(reportedOn, tierCosts, 3).evaluate(choice.thresholds()), reportedOn);
			}
		};

		context.progress("registering the new version", 98, 0, null);
		CascadeVersion created = this.registry.createCascadeVersion(newVersion(source, choice.thresholds(),
				temperatures, costs, describe(context, dataset, policy, heldOut), context.actor()));
		CalibrationResult recorded = this.registry.recordCalibration(new NewCalibration(created.cascade(),
				created.version(), dataset.name(), dataset.sha256(), choice.policy(),
				recordedParameters(parameters, context, policy, choice, costs, validation, heldOut),
				thresholdsByGate(choice.thresholds()), curve(sweep, choice), context.actor()));
		boolean activated = false;
		String activationError = null;
		if (Boolean.TRUE.equals(parameters.activate())) {
			try {
				this.registry.activate(ActivationRequest.of(created.cascade(), created.version(), context.actor(),
						"Calibrated by job " + context.jobId()));
				activated = true;
			}
			catch (RegistryConflictException ex) {
				activationError = ex.getMessage();
			}
		}
		logger.info(
				"Job {} calibrated {} version {} into version {}: thresholds {}, held-out accuracy {} "
						+ "(last tier alone {}, {}), escalation {}, estimated speedup {}",
				context.jobId(), source.cascade(), source.version(), created.version(), choice.thresholds(),
				heldOut.point().accuracy(), heldOut.point().lastTierAccuracy(), validation.describe(),
				heldOut.point().escalation(), heldOut.point().estimatedSpeedup());
		return new CalibrationReport(source.cascade(), source.version(), created.version(), activated, activationError,
				recorded.id(),
				new CalibrationReport.DatasetRef(dataset.id(), dataset.name(), dataset.sha256(), parameters.split()),
				validation.choosing().length, validation.reportedRows(),
				(validation instanceof CrossFit crossFit) ? crossFit.count() : null, parameters.seedOrDefault(),
				choice.policy(), policy.parameters(), choice.method(), choice.constraintMet(), choice.thresholds(),
				temperatures, costs, point(choice.point(), choosing.lastTierAccuracy()), heldOut);
	}

	private static List<TextInput> sample(List<TextInput> inputs, CalibrateParameters parameters) {
		List<TextInput> shuffled = new ArrayList<>(inputs);
		Collections.shuffle(shuffled, new SplittableRandom(parameters.seedOrDefault()));
		return shuffled.subList(0, Math.min(shuffled.size(), parameters.costSampleOrDefault()));
	}

	private static NewCascadeVersion newVersion(CascadeVersion source, List<Double> thresholds,
			List<Double> temperatures, List<CostMeasurement.TierCost> costs, String description, String actor) {
		List<NewTier> tiers = new ArrayList<>();
		for (CascadeTier tier : source.tiers()) {
			int k = tier.index();
			Gate gate = null;
			if (k < thresholds.size()) {
				Gate before = tier.gate();
				gate = new Gate(thresholds.get(k),
						(before != null) ? before.measure() : ConfidenceMeasure.MAX_PROBABILITY, temperatures.get(k));
			}
			CostMeasurement.Setting cheapest = costs.get(k).best();
			tiers.add(new NewTier(tier.model().key(), gate, cheapest.batchSize(), tier.maxBatchDelayMillis(),
					cheapest.threads()));
		}
		return new NewCascadeVersion(source.cascade(), tiers, description, actor);
	}

	private static String describe(JobContext context, Dataset dataset, PolicySpec policy,
			CalibrationReport.HeldOut heldOut) {
		CalibrationReport.Point point = heldOut.point();
		String how = heldOut.foldThresholds().isEmpty() ? "on the held-out part"
				: heldOut.foldThresholds().size() + "-fold cross-fitted";
		return String.format(Locale.ROOT,
				"Calibrated by job %d on data set '%s' with the %s policy; held-out accuracy %.2f%% (%s; last tier "
						+ "alone %.2f%%), %.1f%% escalated, estimated speedup %.2fx",
				context.jobId(), abbreviate(dataset.name(), 200), policy.name(), 100 * point.accuracy(), how,
				100 * point.lastTierAccuracy(), 100 * point.escalation().get(0), point.estimatedSpeedup());
	}

	private static Map<String, String> recordedParameters(CalibrateParameters parameters, JobContext context,
			PolicySpec policy, ThresholdChoice choice, List<CostMeasurement.TierCost> costs, Validation validation,
			CalibrationReport.HeldOut heldOut) {
		Map<String, String> recorded = new LinkedHashMap<>(policy.parameters());
		recorded.put("method", abbreviate(choice.method(), MAX_PARAMETER));
		recorded.put("constraintMet", Boolean.toString(choice.constraintMet()));
		recorded.put("job", Long.toString(context.jobId()));
		recorded.put("datasetId", Long.toString(parameters.datasetId()));
		if (parameters.split() != null) {
			recorded.put("split", parameters.split());
		}
		recorded.put("validation", validation.describe());
		switch (validation) {
			case CrossFit crossFit -> recorded.put("folds", Integer.toString(crossFit.count()));
			case HeldOutPart part ->
				recorded.put("calibrationFraction", Double.toString(parameters.calibrationFraction()));
		}
		recorded.put("seed", Long.toString(parameters.seedOrDefault()));
		recorded.put("calibrationRows", Integer.toString(validation.choosing().length));
		recorded.put("heldOutRows", Integer.toString(validation.reportedRows()));
		recorded.put("temperatureScaling", Boolean.toString(Boolean.TRUE.equals(parameters.temperatureScaling())));
		recorded.put("costSource",
				Boolean.FALSE.equals(parameters.measureCosts()) ? "scoring" : "measured on " + hostDescription());
		for (CostMeasurement.TierCost cost : costs) {
			recorded.put("tier" + cost.tier() + ".batchSize", Integer.toString(cost.best().batchSize()));
			Integer threads = cost.best().threads();
			if (threads != null) {
				recorded.put("tier" + cost.tier() + ".threads", threads.toString());
			}
			recorded.put("tier" + cost.tier() + ".nanosPerInput",
					String.format(Locale.ROOT, "%.0f", cost.best().nanosPerInput()));
		}
		CalibrationReport.Point point = heldOut.point();
		recorded.put("heldOut.accuracy", format(point.accuracy()));
		recorded.put("heldOut.lastTierAccuracy", format(point.lastTierAccuracy()));
		recorded.put("heldOut.escalation", format(point.escalation().get(0)));
		recorded.put("heldOut.estimatedSpeedup", format(point.estimatedSpeedup()));
		if (!heldOut.foldThresholds().isEmpty()) {
			recorded.put("heldOut.foldThresholds",
					abbreviate(heldOut.foldThresholds()
						.stream()
						.map((thresholds) -> thresholds.stream().map(CalibrateJob::format).toList().toString())
						.toList()
						.toString(), MAX_PARAMETER));
		}
		recorded.put("heldOut.note", abbreviate(heldOut.note(), MAX_PARAMETER));
		return recorded;
	}

	private static Map<Integer, Double> thresholdsByGate(List<Double> thresholds) {
		Map<Integer, Double> byGate = new LinkedHashMap<>();
		for (int k = 0; k < thresholds.size(); k++) {
			byGate.put(k, thresholds.get(k));
		}
		return byGate;
	}

	/**
	 * The curve recorded with the calibration: for each gate, every candidate threshold
	 * with the other gates at their chosen thresholds (with two tiers, the whole sweep).
	 */
	private static List<CalibrationPoint> curve(ThresholdSweep sweep, ThresholdChoice choice) {
		List<CalibrationPoint> curve = new ArrayList<>();
		List<Double> chosen = choice.thresholds();
		for (int gate = 0; gate < chosen.size(); gate++) {
			for (double candidate : sweep.candidates(gate)) {
				List<Double> thresholds = new ArrayList<>(chosen);
				thresholds.set(gate, candidate);
				OperatingPoint point = sweep.evaluate(thresholds);
				curve.add(new CalibrationPoint(gate, candidate, point.accuracy(), point.escalation().get(gate),
						point.speedup()));
			}
		}
		return curve;
	}

	private static CalibrationReport.Point point(OperatingPoint point, double lastTierAccuracy) {
		return new CalibrationReport.Point(point.accuracy(), lastTierAccuracy, point.escalation(), point.speedup(),
				point.accuracyDrop());
	}

	private static CalibrationReport.HeldOut heldOut(OperatingPoint point, LabelledPredictions predictions) {
		int n = predictions.size();
		return new CalibrationReport.HeldOut(point(point, predictions.lastTierAccuracy()),
				EvaluationReport.interval(point.accuracy(), n), tierAccuracies(predictions), List.of(),
				"Measured on the " + n + " held-out rows, which the choice of thresholds never saw");
	}

	private static CalibrationReport.HeldOut crossFitted(CrossFitting.Estimate estimate,
			LabelledPredictions predictions) {
		int n = estimate.size();
		int folds = estimate.folds();
		CalibrationReport.Point point = new CalibrationReport.Point(estimate.accuracy(), estimate.lastTierAccuracy(),
				estimate.escalation(), estimate.speedup(), estimate.accuracyDrop());
		String note = String.format(Locale.ROOT,
				"Cross-fitted over %d folds of the %d rows: each row was scored with thresholds chosen by the same "
						+ "policy on the other %d folds, without it. The new version's thresholds were chosen on all "
						+ "%d rows; these figures estimate how they do on new inputs like these",
				folds, n, folds - 1, n);
		return new CalibrationReport.HeldOut(point, EvaluationReport.interval(estimate.accuracy(), n),
				tierAccuracies(predictions), estimate.foldThresholds(), note);
	}

	private static List<Double> tierAccuracies(LabelledPredictions predictions) {
		List<Double> accuracies = new ArrayList<>();
		for (int k = 0; k < predictions.tierCount(); k++) {
			accuracies.add(predictions.accuracy(k));
		}
		return accuracies;
	}

	private static String hostDescription() {
		return Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.arch") + ", Java "
				+ System.getProperty("java.version");
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.6f", value);
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 3) + "...";
	}

	/** Which rows choose the new version's thresholds, and which report on them. */
	private sealed interface Validation permits CrossFit, HeldOutPart {

		/** The rows the new version's thresholds are chosen on. */
		int[] choosing();

		/** How many rows the held-out figures are measured on. */
		int reportedRows();

		/** The method, for people. */
		String describe();

	}

	/**
	 * Thresholds chosen on every row, reported by cross-fitting.
	 *
	 * @param folds the fold of every row
	 * @param count the number of folds
	 */
	private record CrossFit(int[] folds, int count) implements Validation {

		@Override
		public int[] choosing() {
			return IntStream.range(0, this.folds.length).toArray();
		}

		@Override
		public int reportedRows() {
			return this.folds.length;
		}

		@Override
		public String describe() {
			return this.count + "-fold cross-fitting";
		}

		int[] without(int fold) {
			return IntStream.range(0, this.folds.length).filter((i) -> this.folds[i] != fold).toArray();
		}

	}

	/**
	 * Thresholds chosen on one part, reported on the other.
	 *
	 * @param choosing the calibration part
	 * @param heldOut the held-out part
	 */
	private record HeldOutPart(int[] choosing, int[] heldOut) implements Validation {

		@Override
		public int reportedRows() {
			return this.heldOut.length;
		}

		@Override
		public String describe() {
			return "held-out part of " + this.heldOut.length + " rows";
		}

	}

	/**
	 * Every tier's scores on every row, and how they become predictions.
	 *
	 * @param stages the cascade's stages
	 * @param scores every tier's scores, in row order
	 */
	private record Scoring(List<Stage> stages, TierScoring.Scored scores) {

		/**
		 * Returns each gated tier's temperature: fitted on the given rows with
		 * temperature scaling, else the stage's.
		 */
		List<Double> temperatures(CalibrateParameters parameters, int[] truth, int[] rows) {
			List<Double> temperatures = new ArrayList<>();
			for (int k = 0; k < this.stages.size() - 1; k++) {
				Stage stage = this.stages.get(k);
				if (!Boolean.TRUE.equals(parameters.temperatureScaling())) {
					temperatures.add(stage.temperature());
					continue;
				}
				if (stage.tier().activation() != Activation.SOFTMAX) {
					throw new JobFailedException("Temperature scaling applies to single-label (softmax) tiers; tier "
							+ k + " (" + stage.tier().name() + ") is multi-label");
				}
				List<float[]> logits = this.scores.logits(k);
				List<float[]> selected = IntStream.of(rows).mapToObj(logits::get).toList();
				int[] labels = IntStream.of(rows).map((i) -> truth[i]).toArray();
				temperatures.add(TemperatureScaling.fit(selected, labels).temperature());
			}
			return temperatures;
		}

		/**
		 * Returns the predictions of every row with the gated tiers at these
		 * temperatures.
		 */
		LabelledPredictions predictions(List<Double> temperatures, int[] truth) {
			int last = this.stages.size() - 1;
			List<TierPredictions> tiers = new ArrayList<>();
			for (int k = 0; k <= last; k++) {
				Stage stage = this.stages.get(k);
				tiers.add(this.scores.predictions(k, new ConfidenceFunction(stage.tier().activation(), stage.measure(),
						(k < last) ? temperatures.get(k) : stage.temperature())));
			}
			return new LabelledPredictions(truth, tiers);
		}

	}

}
