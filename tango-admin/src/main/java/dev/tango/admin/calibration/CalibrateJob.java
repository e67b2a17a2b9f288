package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.evaluation.JobData;
import dev.tango.admin.evaluation.LabelledInputs;
import dev.tango.admin.evaluation.TierScoring;
import dev.tango.admin.feedback.FeedbackDatasets;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.admin.job.AbstractJobHandler;
import dev.tango.admin.job.JobHandler;
import dev.tango.core.calibration.CalibrationOptions;
import dev.tango.core.calibration.CalibrationOutcome;
import dev.tango.core.calibration.CalibrationPipeline;
import dev.tango.core.calibration.Partition;
import dev.tango.core.calibration.ThresholdPolicy;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.calibration.Validation;
import dev.tango.core.tier.TextInput;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.runtime.data.TierRunner;

/**
 * Calibrates a cascade version on a labelled data set with the shared
 * {@link CalibrationPipeline} (the bench's {@code calibrate} runs the same one):
 * <ol>
 * <li>checks the parameters, reads the data set (or stores the cascade's feedback with
 * texts as one, {@link FeedbackDatasets}) and splits the rows as they ask
 * ({@link Partition}), before any model is loaded;</li>
 * <li>loads the cascade version, runs every tier once over the rows ({@link TierRunner},
 * as the bench does), and closes it;</li>
 * <li>measures each tier's cost per input on this host at several batch sizes and ONNX
 * Runtime intra-op thread counts, keeping the cheapest (see {@link CostMeasurement}), or
 * takes the cost while scoring;</li>
 * <li>runs the pipeline: optional temperature fit, sweep, the policy's choice, and the
 * cross-fitted (default) or held-out report of that choice on rows it did not see;</li>
 * <li>creates a new cascade version with the chosen thresholds and temperatures and the
 * cheapest batch size and thread count of each tier, records the calibration (with its
 * curve) for it, and optionally activates it ({@link CalibrationRecords}).</li>
 * </ol>
 * Degenerate inputs (a data set or split with one label, too few rows, NaN scores) fail
 * the job with a message saying so.
 */
@Component
public class CalibrateJob extends AbstractJobHandler<CalibrateParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "CALIBRATE";

	/** The fewest rows a calibration works on. */
	private static final int MINIMUM_ROWS = 4;

	private static final String PURPOSE = "calibration (at least 2 rows to choose on and 2 to report on)";

	private static final Logger logger = LoggerFactory.getLogger(CalibrateJob.class);

	private final JobData data;

	private final CascadeVersionLoader loader;

	private final CalibrationRecords records;

	private final FeedbackDatasets feedback;

	CalibrateJob(JobData data, CascadeVersionLoader loader, CalibrationRecords records, FeedbackDatasets feedback) {
		super(KIND, CalibrateParameters.class);
		this.data = data;
		this.loader = loader;
		this.records = records;
		this.feedback = feedback;
	}

	/**
	 * Checks what {@link #checkData} checks, and that the version has two tiers at least
	 * (a threshold to calibrate).
	 */
	@Override
	public void check(CalibrateParameters parameters) {
		requireTiers(checkData(parameters));
	}

	/**
	 * Checks the parameters, then the cascade version, the data set and its split
	 * ({@link JobData#require}), whose rows must carry two labels at least and be enough
	 * for the folds or the held-out part asked for (dealt as the job will deal them);
	 * and, unless the temperatures are fitted anew, that the new version can keep the
	 * version's ({@link CopiedGates}). Not the number of the version's tiers, which a
	 * fine-tune that extends the version adds one to before calibrating it.
	 * @param parameters the parameters
	 * @return the version to calibrate
	 * @throws IllegalArgumentException naming what is wrong
	 * @throws dev.tango.models.registry.RegistryNotFoundException if there is no such
	 * cascade or version
	 * @throws dev.tango.admin.dataset.DatasetNotFoundException if there is no such data
	 * set
	 */
	public CascadeVersion checkData(CalibrateParameters parameters) {
		parameters.check();
		JobData.Checked checked = this.data.require(parameters.cascade(), parameters.version(), parameters.datasetId(),
				parameters.split(), MINIMUM_ROWS, 2, PURPOSE);
		checkGates(parameters, checked.version());
		if (checked.description() != null) {
			partition(parameters.options(), truth(checked.counts()), checked.description());
		}
		return checked.version();
	}

	private static void requireTiers(CascadeVersion version) {
		if (version.tiers().size() < 2) {
			throw new IllegalArgumentException("Cascade " + version.cascade() + " version " + version.version()
					+ " has a single tier: there is no threshold to calibrate");
		}
	}

	/**
	 * Rows of the labels counted, label after label: all a partition's sizes depend on.
	 */
	private static int[] truth(List<Dataset.LabelCount> counts) {
		int[] truth = new int[counts.stream().mapToInt(Dataset.LabelCount::rows).sum()];
		int row = 0;
		for (int label = 0; label < counts.size(); label++) {
			Arrays.fill(truth, row, row + counts.get(label).rows(), label);
			row += counts.get(label).rows();
		}
		return truth;
	}

	private static void checkGates(CalibrateParameters parameters, CascadeVersion version) {
		if (!Boolean.TRUE.equals(parameters.temperatureScaling())) {
			CopiedGates.requireRegistrable(version, CopiedGates.calibrationRemedy(version));
		}
	}

	/**
	 * {@inheritDoc}
	 * @return the data set calibrated on; none for a calibration on feedback, which
	 * stores the data set it reads as it runs
	 */
	@Override
	public Set<Long> datasets(CalibrateParameters parameters) {
		return JobHandler.datasetIds(parameters.datasetId());
	}

	@Override
	public @Nullable String activates(CalibrateParameters parameters) {
		return Boolean.TRUE.equals(parameters.activate()) ? parameters.cascade() : null;
	}

	@Override
	public CalibrationReport run(CalibrateParameters parameters, JobContext context) {
		ThresholdPolicy policy;
		CalibrationOptions options;
		try {
			parameters.check();
			policy = parameters.policyOrDefault().toPolicy();
			options = parameters.options();
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		context.progress("reading the data set", 0, 0, null);
		long datasetId = parameters.fromFeedback()
				? this.feedback.store(parameters.cascade(), CalibrateParameters.FEEDBACK_ROWS, context).id()
				: Objects.requireNonNull(parameters.datasetId());
		JobData.Loaded data = this.data.load(parameters.cascade(), parameters.version(), datasetId, parameters.split(),
				MINIMUM_ROWS, PURPOSE);
		CascadeVersion source = data.version();
		LabelledInputs all = data.inputs();
		Partition partition;
		try {
			// the active (or latest) version may be another than when the job was queued
			checkGates(parameters, source);
			requireTiers(source);
			if (all.distinctLabels() < 2) {
				throw new IllegalArgumentException("Every row of the data set " + data.description()
						+ " has the same label: accuracy cannot be calibrated on one label");
			}
			partition = partition(options, all.truth(), data.description());
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		context.progress("loading the cascade", 2, 0, null);
		TierRunner.StageRuns scored;
		try (LoadedCascadeVersion loaded = this.loader.load(source)) {
			scored = TierScoring.score(loaded.stages(), all, context, "scoring the data set", 5, 75);
		}
		// Closed before the costs are measured, which loads the version again.
		List<CostMeasurement.TierCost> costs = costs(parameters, context, source, all.select(partition.choosing()),
				scored);
		context.progress("choosing thresholds", 95, 0, null);
		CalibrationOutcome outcome;
		try {
			outcome = CalibrationPipeline.calibrate(scored.scores(),
					new TierCosts(costs.stream().map((cost) -> cost.best().nanosPerInput()).toList()), policy, options);
		}
		catch (IllegalArgumentException ex) {
			throw new JobFailedException(ex.getMessage(), ex);
		}
		context.progress("registering the new version", 98, 0, null);
		CalibrationReport report = this.records.register(parameters, context, source, data.dataset(), outcome, costs);
		logger.info(
				"Job {} calibrated {} version {} into version {}: thresholds {}, held-out accuracy {} "
						+ "(last tier alone {}, {}), escalation {}, estimated speedup {}",
				context.jobId(), source.cascade(), source.version(), report.newVersion(), outcome.thresholds(),
				outcome.heldOut().accuracy(), outcome.heldOut().lastTierAccuracy(), partition.describe(),
				outcome.heldOut().escalation(), outcome.heldOut().speedup());
		return report;
	}

	/**
	 * Deals rows as the options say.
	 * @throws IllegalArgumentException if there are too few rows for the folds or either
	 * part of the split
	 */
	private static Partition partition(CalibrationOptions options, int[] truth, String description) {
		try {
			return options.validation().partition(truth, options.seed());
		}
		catch (IllegalArgumentException ex) {
			String prefix = (options.validation() instanceof Validation.CrossFitted)
					? "The data set " + description + " has " : "";
			throw new IllegalArgumentException(prefix + ex.getMessage(), ex);
		}
	}

	private List<CostMeasurement.TierCost> costs(CalibrateParameters parameters, JobContext context,
			CascadeVersion source, LabelledInputs choosing, TierRunner.StageRuns scored) {
		if (!Boolean.FALSE.equals(parameters.measureCosts())) {
			return CostMeasurement.measure(this.loader, source, sample(choosing.inputs(), parameters),
					parameters.batchSizesOrDefault(), parameters.threadCountsOrDefault(), context, 75, 95);
		}
		TierCosts whileScoring = scored.costs();
		List<CostMeasurement.TierCost> costs = new ArrayList<>();
		for (CascadeTier tier : source.tiers()) {
			int k = tier.index();
			CostMeasurement.Setting setting = new CostMeasurement.Setting(tier.batchSize(), tier.intraOpThreads(),
					whileScoring.nanos(k));
			costs.add(new CostMeasurement.TierCost(k, tier.model().key().toString(), setting, List.of(setting)));
		}
		return costs;
	}

	private static List<TextInput> sample(List<TextInput> inputs, CalibrateParameters parameters) {
		List<TextInput> shuffled = new ArrayList<>(inputs);
		Collections.shuffle(shuffled, new SplittableRandom(parameters.seedOrDefault()));
		return shuffled.subList(0, Math.min(shuffled.size(), parameters.costSampleOrDefault()));
	}

}
