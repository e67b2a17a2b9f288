package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.evaluation.JobData;
import dev.tango.admin.evaluation.LabelledInputs;
import dev.tango.admin.evaluation.TierScoring;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobKind;
import dev.tango.core.calibration.Binomial;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.TemperatureScaling;
import dev.tango.core.calibration.ThresholdChoice;
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
 * <li>splits the rows, label by label and seeded, into a calibration part and a held-out
 * part;</li>
 * <li>loads the cascade version, runs every tier once over both parts, and closes
 * it;</li>
 * <li>optionally fits each gated tier's temperature on the calibration part;</li>
 * <li>measures each tier's cost per input on this host at several batch sizes and ONNX
 * Runtime intra-op thread counts, keeping the cheapest (see
 * {@link CostMeasurement});</li>
 * <li>sweeps the thresholds over the calibration part and lets the policy choose;</li>
 * <li>reports the chosen thresholds on the held-out part, which the choice never
 * saw;</li>
 * <li>creates a new cascade version with the chosen thresholds and temperatures and the
 * cheapest batch size and thread count of each tier, records the calibration (with its
 * curve) for it, and optionally activates it.</li>
 * </ol>
 * Degenerate inputs (a data set or split with one label, a part too small, NaN scores)
 * fail the job with a message saying so.
 */
@Component
class CalibrateJob implements JobHandler<CalibrateParameters> {

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
	public JobKind kind() {
		return JobKind.CALIBRATE;
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
				parameters.split(), 4, "calibration (2 rows to choose on, 2 to report on)");
		CascadeVersion source = data.version();
		Dataset dataset = data.dataset();
		LabelledInputs all = data.inputs();
		if (source.tiers().size() < 2) {
			throw new JobFailedException("Cascade " + source.cascade() + " version " + source.version()
					+ " has a single tier: there is no threshold to calibrate");
		}
		if (all.distinctLabels() < 2) {
			throw new JobFailedException("Every row of the data set " + data.description()
					+ " has the same label: accuracy cannot be calibrated on one label");
		}
		StratifiedSplit split = StratifiedSplit.of(all.truth(), parameters.fraction(), parameters.seedOrDefault());
		if (split.calibration().length < 2 || split.heldOut().length < 2) {
			throw new JobFailedException("Splitting " + all.size() + " rows at " + parameters.fraction() + " leaves "
					+ split.calibration().length + " rows to calibrate on and " + split.heldOut().length
					+ " to report on; each part needs at least 2");
		}
		LabelledInputs calibration = all.select(split.calibration());
		LabelledInputs heldOut = all.select(split.heldOut());
		context.progress("loading the cascade", 2, 0, null);
		List<Stage> stages;
		TierScoring.Scored calibrationScores;
		TierScoring.Scored heldOutScores;
		try (LoadedCascadeVersion loaded = this.loader.load(source)) {
			stages = loaded.stages();
			calibrationScores = TierScoring.score(stages, calibration.inputs(), context, "scoring the calibration part",
					5, 55);
			heldOutScores = TierScoring.score(stages, heldOut.inputs(), context, "scoring the held-out part", 55, 75);
		}
		// Closed before the costs are measured, which loads the version again: from here
		// on only the stages' settings and the tiers' activations are read.
		return calibrate(parameters, context, source, dataset, calibration, heldOut, stages, calibrationScores,
				heldOutScores);
	}

	private CalibrationReport calibrate(CalibrateParameters parameters, JobContext context, CascadeVersion source,
			Dataset dataset, LabelledInputs calibration, LabelledInputs heldOut, List<Stage> stages,
			TierScoring.Scored calibrationScores, TierScoring.Scored heldOutScores) {
		int last = stages.size() - 1;
		List<Double> temperatures = new ArrayList<>();
		for (int k = 0; k < last; k++) {
			temperatures.add(temperature(parameters, stages.get(k), k, calibrationScores, calibration.truth()));
		}
		List<ConfidenceFunction> confidences = new ArrayList<>();
		for (int k = 0; k <= last; k++) {
			Stage stage = stages.get(k);
			confidences.add(new ConfidenceFunction(stage.tier().activation(), stage.measure(),
					(k < last) ? temperatures.get(k) : stage.temperature()));
		}
		LabelledPredictions calibrationPredictions = predictions(calibrationScores, confidences, calibration.truth());
		LabelledPredictions heldOutPredictions = predictions(heldOutScores, confidences, heldOut.truth());

		List<CostMeasurement.TierCost> costs;
		if (!Boolean.FALSE.equals(parameters.measureCosts())) {
			costs = CostMeasurement.measure(this.loader, source, sample(calibration.inputs(), parameters),
					parameters.batchSizesOrDefault(), parameters.threadCountsOrDefault(), context, 75, 95);
		}
		else {
			costs = new ArrayList<>();
			for (CascadeTier tier : source.tiers()) {
				int k = tier.index();
				CostMeasurement.Setting setting = new CostMeasurement.Setting(tier.batchSize(), tier.intraOpThreads(),
						calibrationScores.nanosPerInput(k));
				costs.add(new CostMeasurement.TierCost(k, tier.model().key().toString(), setting, List.of(setting)));
			}
		}
		TierCosts tierCosts = new TierCosts(costs.stream().map((cost) -> cost.best().nanosPerInput()).toList());

		context.progress("choosing thresholds", 95, 0, null);
		ThresholdSweep sweep = ThresholdSweep.of(calibrationPredictions, tierCosts);
		PolicySpec policy = parameters.policyOrDefault();
		ThresholdChoice choice = policy.toPolicy().choose(sweep);
		OperatingPoint reported = ThresholdSweep.of(heldOutPredictions, tierCosts, 3).evaluate(choice.thresholds());
		CalibrationReport.HeldOut heldOutReport = heldOut(reported, heldOutPredictions);

		context.progress("registering the new version", 98, 0, null);
		CascadeVersion created = this.registry
			.createCascadeVersion(newVersion(source, choice.thresholds(), temperatures, costs,
					describe(context, dataset, policy, reported, heldOutPredictions), context.actor()));
		CalibrationResult recorded = this.registry.recordCalibration(new NewCalibration(created.cascade(),
				created.version(), dataset.name(), dataset.sha256(), choice.policy(),
				recordedParameters(parameters, context, policy, choice, costs, calibration.size(), heldOut, reported,
						heldOutPredictions),
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
						+ "(last tier alone {}), escalation {}",
				context.jobId(), source.cascade(), source.version(), created.version(), choice.thresholds(),
				reported.accuracy(), heldOutPredictions.lastTierAccuracy(), reported.escalation());
		return new CalibrationReport(source.cascade(), source.version(), created.version(), activated, activationError,
				recorded.id(),
				new CalibrationReport.DatasetRef(dataset.id(), dataset.name(), dataset.sha256(), parameters.split()),
				calibration.size(), heldOut.size(), parameters.seedOrDefault(), choice.policy(), policy.parameters(),
				choice.method(), choice.constraintMet(), choice.thresholds(), temperatures, costs,
				point(choice.point(), calibrationPredictions), heldOutReport);
	}

	private static double temperature(CalibrateParameters parameters, Stage stage, int tier, TierScoring.Scored scores,
			int[] truth) {
		if (!Boolean.TRUE.equals(parameters.temperatureScaling())) {
			return stage.temperature();
		}
		if (stage.tier().activation() != Activation.SOFTMAX) {
			throw new JobFailedException("Temperature scaling applies to single-label (softmax) tiers; tier " + tier
					+ " (" + stage.tier().name() + ") is multi-label");
		}
		return TemperatureScaling.fit(scores.logits(tier), truth).temperature();
	}

	private static LabelledPredictions predictions(TierScoring.Scored scores, List<ConfidenceFunction> confidences,
			int[] truth) {
		List<TierPredictions> tiers = new ArrayList<>();
		for (int k = 0; k < confidences.size(); k++) {
			tiers.add(scores.predictions(k, confidences.get(k)));
		}
		return new LabelledPredictions(truth, tiers);
	}

	private static List<TextInput> sample(List<TextInput> inputs, CalibrateParameters parameters) {
		List<TextInput> shuffled = new ArrayList<>(inputs);
		SplittableRandom random = new SplittableRandom(parameters.seedOrDefault());
		for (int i = shuffled.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			TextInput swap = shuffled.get(i);
			shuffled.set(i, shuffled.get(j));
			shuffled.set(j, swap);
		}
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

	private static String describe(JobContext context, Dataset dataset, PolicySpec policy, OperatingPoint reported,
			LabelledPredictions heldOut) {
		return String.format(Locale.ROOT,
				"Calibrated by job %d on data set '%s' with the %s policy; held-out accuracy %.2f%% (last tier alone "
						+ "%.2f%%), %.1f%% escalated, estimated speedup %.2fx",
				context.jobId(), abbreviate(dataset.name(), 200), policy.name(), 100 * reported.accuracy(),
				100 * heldOut.lastTierAccuracy(), 100 * reported.escalation().get(0), reported.speedup());
	}

	private static Map<String, String> recordedParameters(CalibrateParameters parameters, JobContext context,
			PolicySpec policy, ThresholdChoice choice, List<CostMeasurement.TierCost> costs, int calibrationRows,
			LabelledInputs heldOut, OperatingPoint reported, LabelledPredictions heldOutPredictions) {
		Map<String, String> recorded = new LinkedHashMap<>(policy.parameters());
		recorded.put("method", abbreviate(choice.method(), MAX_PARAMETER));
		recorded.put("constraintMet", Boolean.toString(choice.constraintMet()));
		recorded.put("job", Long.toString(context.jobId()));
		recorded.put("datasetId", Long.toString(parameters.datasetId()));
		if (parameters.split() != null) {
			recorded.put("split", parameters.split());
		}
		recorded.put("seed", Long.toString(parameters.seedOrDefault()));
		recorded.put("calibrationRows", Integer.toString(calibrationRows));
		recorded.put("heldOutRows", Integer.toString(heldOut.size()));
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
		recorded.put("heldOut.accuracy", format(reported.accuracy()));
		recorded.put("heldOut.lastTierAccuracy", format(heldOutPredictions.lastTierAccuracy()));
		recorded.put("heldOut.escalation", format(reported.escalation().get(0)));
		recorded.put("heldOut.estimatedSpeedup", format(reported.speedup()));
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

	private static CalibrationReport.Point point(OperatingPoint point, LabelledPredictions predictions) {
		return new CalibrationReport.Point(point.accuracy(), predictions.lastTierAccuracy(), point.escalation(),
				point.speedup(), point.accuracyDrop());
	}

	private static CalibrationReport.HeldOut heldOut(OperatingPoint point, LabelledPredictions predictions) {
		int n = predictions.size();
		long correct = Math.round(point.accuracy() * n);
		List<Double> tierAccuracies = new ArrayList<>();
		for (int k = 0; k < predictions.tierCount(); k++) {
			tierAccuracies.add(predictions.accuracy(k));
		}
		return new CalibrationReport.HeldOut(point(point, predictions),
				List.of(Binomial.lowerBound(correct, n, 0.975), Binomial.upperBound(correct, n, 0.975)), tierAccuracies,
				"Measured on the " + n + " held-out rows, which the choice of thresholds never saw");
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

}
