package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.job.JobContext;
import dev.tango.core.calibration.CalibrationOutcome;
import dev.tango.core.calibration.CalibrationSummary;
import dev.tango.core.calibration.Partition;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.ThresholdChoice;
import dev.tango.core.calibration.ThresholdCurve;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.drift.DriftReference;
import dev.tango.core.tier.UnicodeText;
import dev.tango.models.drift.DriftParameters;
import dev.tango.models.registry.ActivationConflictException;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ActiveCascade;
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
 * Writes what a calibrate job found to the registry: a new cascade version with the
 * chosen thresholds, temperatures and cheapest settings, the calibration record (with its
 * parameters and curve) for it, and, if asked, its activation (unless it is estimated
 * slower than its last tier alone, or somebody changed the active version meanwhile); and
 * makes the job's report.
 */
@Component
class CalibrationRecords {

	private static final int MAX_PARAMETER = 2048;

	private final ModelRegistry registry;

	CalibrationRecords(ModelRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers a calibration.
	 * @param parameters the job's parameters
	 * @param context the job
	 * @param source the version calibrated
	 * @param dataset the data set calibrated on
	 * @param outcome what the pipeline chose and found
	 * @param costs each tier's costs
	 * @return the job's report
	 */
	CalibrationReport register(CalibrateParameters parameters, JobContext context, CascadeVersion source,
			Dataset dataset, CalibrationOutcome outcome, List<CostMeasurement.TierCost> costs) {
		PolicySpec policy = parameters.policyOrDefault();
		ThresholdChoice choice = outcome.choice();
		CalibrationSummary summary = CalibrationSummary.of(outcome);
		CalibrationSummary.HeldOut heldOut = summary.heldOut();
		CascadeVersion created = this.registry.createCascadeVersion(newVersion(source, choice.thresholds(),
				outcome.temperatures(), costs, describe(context, dataset, summary), context.actor()));
		CalibrationResult recorded = this.registry.recordCalibration(new NewCalibration(created.cascade(),
				created.version(), dataset.name(), dataset.sha256(), choice.policy(),
				recordedParameters(parameters, dataset, context, policy, outcome, costs, heldOut,
						source.labels().size()),
				thresholdsByGate(choice.thresholds()), curve(outcome.sweep(), choice), context.actor()));
		boolean activated = false;
		String activationError = null;
		if (Boolean.TRUE.equals(parameters.activate())) {
			activationError = slower(created, heldOut.point());
			if (activationError == null) {
				try {
					this.registry.activate(new ActivationRequest(created.cascade(), created.version(), context.actor(),
							"Calibrated by job " + context.jobId(), unchangedSince(created, context.activationBase())));
					activated = true;
				}
				catch (RegistryConflictException ex) {
					activationError = ex.getMessage();
				}
			}
		}
		Partition partition = outcome.partition();
		return new CalibrationReport(source.cascade(), source.version(), created.version(), activated, activationError,
				recorded.id(),
				new CalibrationReport.DatasetRef(dataset.id(), dataset.name(), dataset.sha256(), parameters.split()),
				partition.choosing().length, partition.reportedRows(),
				(partition instanceof Partition.Folds folds) ? folds.count() : null, parameters.seedOrDefault(),
				summary.policy(), policy.parameters(), summary.method(), summary.budgetMet(), summary.thresholds(),
				outcome.temperatures(), costs, summary.chosen(), heldOut, summary.text());
	}

	/**
	 * Says why a calibrated version is not worth activating unasked: out of sample it is
	 * estimated slower than its last tier alone, so serving it would cost more than a
	 * version of that tier alone (a fallback that escalates every input is too).
	 * @return the reason, or {@code null} if it is estimated at least as fast
	 */
	private static @Nullable String slower(CascadeVersion created, CalibrationSummary.Point heldOut) {
		double speedup = heldOut.estimatedSpeedup();
		if (speedup >= 1) {
			return null;
		}
		return String.format(Locale.ROOT,
				"Out of sample, the calibrated version %d is estimated at %.2fx the speed of its last tier alone, "
						+ "slower than serving that tier alone: it was left inactive; activate it by hand if its "
						+ "accuracy is worth the cost",
				created.version(), speedup);
	}

	/**
	 * Returns the revision to activate a calibrated version against: the one the job's
	 * submission noted ({@link JobContext#activationBase}), as long as it is still the
	 * active revision.
	 * @throws ActivationConflictException if somebody changed the active version after
	 * the job was submitted (the calibrated version is then left inactive rather than
	 * undo their choice), or the job noted no revision
	 */
	private long unchangedSince(CascadeVersion created, @Nullable Long base) {
		String left = "the calibrated version " + created.version() + " was left inactive: activate it to serve it";
		if (base == null) {
			throw new ActivationConflictException("The job noted no active version to replace when it was queued "
					+ "(queued by an older release, or its kind does not declare the cascade it activates); " + left);
		}
		ActiveCascade active = this.registry.getActive(created.cascade()).orElse(null);
		long revision = (active != null) ? active.revision() : ActivationRequest.NONE_ACTIVE;
		if (revision == base) {
			return revision;
		}
		if (active == null) {
			throw new ActivationConflictException("No version of '" + created.cascade()
					+ "' is active any more, as one was when this job was submitted; " + left);
		}
		throw new ActivationConflictException("Version " + active.version().version() + " of '" + created.cascade()
				+ "' was made active by " + active.activatedBy() + " at " + active.activatedAt()
				+ ", after this job was submitted; " + left);
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

	private static String describe(JobContext context, Dataset dataset, CalibrationSummary summary) {
		return "Calibrated by job " + context.jobId() + " on data set '" + UnicodeText.abbreviate(dataset.name(), 200)
				+ "' with the " + summary.sentence();
	}

	private static Map<String, String> recordedParameters(CalibrateParameters parameters, Dataset dataset,
			JobContext context, PolicySpec policy, CalibrationOutcome outcome, List<CostMeasurement.TierCost> costs,
			CalibrationSummary.HeldOut heldOut, int labelCount) {
		ThresholdChoice choice = outcome.choice();
		Partition partition = outcome.partition();
		Map<String, String> recorded = new LinkedHashMap<>(policy.parameters());
		recorded.put("method", UnicodeText.abbreviate(choice.method(), MAX_PARAMETER));
		recorded.put("constraintMet", Boolean.toString(choice.constraintMet()));
		recorded.put("job", Long.toString(context.jobId()));
		recorded.put("datasetId", Long.toString(dataset.id()));
		if (parameters.fromFeedback()) {
			recorded.put("source", "feedback");
		}
		if (parameters.split() != null) {
			recorded.put("split", parameters.split());
		}
		recorded.put("validation", partition.describe());
		switch (partition) {
			case Partition.Folds folds -> recorded.put("folds", Integer.toString(folds.count()));
			case Partition.Split split ->
				recorded.put("calibrationFraction", Double.toString(parameters.calibrationFraction()));
		}
		recorded.put("seed", Long.toString(parameters.seedOrDefault()));
		recorded.put("calibrationRows", Integer.toString(partition.choosing().length));
		recorded.put("heldOutRows", Integer.toString(partition.reportedRows()));
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
		CalibrationSummary.Point point = heldOut.point();
		recorded.put("heldOut.accuracy", format(point.accuracy()));
		recorded.put("heldOut.lastTierAccuracy", format(point.lastTierAccuracy()));
		recorded.put("heldOut.escalation", format(point.escalation().get(0)));
		recorded.put("heldOut.estimatedSpeedup", format(point.estimatedSpeedup()));
		if (!heldOut.foldThresholds().isEmpty()) {
			recorded.put("heldOut.foldThresholds",
					UnicodeText.abbreviate(heldOut.foldThresholds()
						.stream()
						.map((thresholds) -> thresholds.stream().map(CalibrationRecords::format).toList().toString())
						.toList()
						.toString(), MAX_PARAMETER));
		}
		recorded.put("heldOut.note", UnicodeText.abbreviate(heldOut.note(), MAX_PARAMETER));
		recorded
			.putAll(DriftParameters.encode(DriftReference.of(outcome.predictions(), choice.thresholds(), labelCount)));
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
	 * The curve recorded with the calibration: each gate's {@link ThresholdCurve} (with
	 * two tiers, the whole sweep).
	 */
	private static List<CalibrationPoint> curve(ThresholdSweep sweep, ThresholdChoice choice) {
		List<CalibrationPoint> curve = new ArrayList<>();
		for (int gate = 0; gate < choice.thresholds().size(); gate++) {
			for (ThresholdCurve.Point point : ThresholdCurve.of(sweep, choice.thresholds(), gate).points()) {
				curve.add(new CalibrationPoint(gate, point.threshold(), point.accuracy(), point.escalation(),
						point.speedup()));
			}
		}
		return curve;
	}

	private static String hostDescription() {
		return Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.arch") + ", Java "
				+ System.getProperty("java.version");
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.6f", value);
	}

}
