package dev.tango.admin.training;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.admin.calibration.CalibrateJob;
import dev.tango.admin.calibration.CalibrateParameters;
import dev.tango.admin.calibration.CalibrationReport;
import dev.tango.admin.calibration.CopiedGates;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.encoder.EncoderLinearTier;

/**
 * Puts a newly trained tier at the end of a cascade and calibrates the result: a new
 * cascade version holds the source version's tiers and then the new one (the former last
 * tier gated at {@value #PLACEHOLDER_THRESHOLD}, escalating nearly everything, until
 * calibrated), and a calibration of that version, run by the same {@link CalibrateJob} as
 * calibrate jobs, creates the calibrated version after it.
 */
@Component
public class CascadeExtension {

	/** The threshold of the former last tier before calibration. */
	static final double PLACEHOLDER_THRESHOLD = 1.0;

	private final CascadeTargets targets;

	private final ModelRegistry registry;

	private final CalibrateJob calibration;

	CascadeExtension(CascadeTargets targets, ModelRegistry registry, CalibrateJob calibration) {
		this.targets = targets;
		this.registry = registry;
		this.calibration = calibration;
	}

	/**
	 * Checks, before any training, everything the calibration after it will need: the
	 * cascade version, the policy and the calibration data set (its split, labels the
	 * version knows, enough rows of two labels), as a calibrate job checks them; that the
	 * new tier's labels are the version's, as a cascade's tiers must share theirs; and
	 * that the version's gates, which the extended version copies, have temperatures the
	 * registry takes ({@link #checkGates}).
	 * @param request what to extend
	 * @param labels the labels of the tier to add
	 * @throws dev.tango.models.registry.RegistryNotFoundException if there is no such
	 * cascade or version
	 * @throws dev.tango.admin.dataset.DatasetNotFoundException if there is no such data
	 * set
	 * @throws IllegalArgumentException if the tier's labels are not the version's, a
	 * gate's temperature is out of range, or the calibration would be refused
	 */
	void check(Request request, Collection<String> labels) {
		CascadeVersion source = checkGates(request);
		List<String> known = Label.ids(source.labels());
		if (!new HashSet<>(known).equals(new HashSet<>(labels))) {
			throw new IllegalArgumentException(
					"the tier trained on labels " + List.copyOf(labels) + " cannot join version " + source.version()
							+ " of " + source.cascade() + ", whose labels are " + known);
		}
		// the version calibrated will have the new tier too
		this.calibration.checkData(calibrationOf(request, source));
	}

	/**
	 * Checks that the gates of the version to extend, which the extended version copies
	 * as they are, have temperatures the registry takes ({@link CopiedGates}).
	 * @param request what to extend
	 * @return the version to extend
	 * @throws dev.tango.models.registry.RegistryNotFoundException if there is no such
	 * cascade or version
	 * @throws IllegalArgumentException naming a gate whose temperature is out of range
	 */
	CascadeVersion checkGates(Request request) {
		CascadeVersion source = this.targets.find(request.name(), request.version());
		CopiedGates.requireRegistrable(source,
				"Create a version of cascade '" + source.cascade() + "' whose gates' temperatures lie in that range "
						+ "(POST /api/cascades/" + source.cascade() + "/versions, or calibrate this one with "
						+ "\"temperatureScaling\": true) and name it in cascade.version");
		return source;
	}

	/**
	 * Adds the tier and calibrates.
	 * @param request what to extend, and how to calibrate
	 * @param model the new last tier's model version
	 * @param context the running job, whose progress the calibration reports
	 * @return the calibration: its source is the version with the new tier, its new
	 * version the calibrated one
	 */
	CalibrationReport extend(Request request, ModelKey model, JobContext context) {
		CascadeVersion source = this.targets.find(request.name(), request.version());
		List<NewTier> tiers = new ArrayList<>();
		for (CascadeTier tier : source.tiers()) {
			Gate gate = (tier.gate() != null) ? tier.gate() : Gate.maxProbability(PLACEHOLDER_THRESHOLD);
			tiers.add(new NewTier(tier.model().key(), gate, tier.batchSize(), tier.maxBatchDelayMillis(),
					tier.intraOpThreads()));
		}
		int delay = source.tiers().get(source.tiers().size() - 1).maxBatchDelayMillis();
		tiers.add(new NewTier(model, null, EncoderLinearTier.DEFAULT_BATCH_SIZE, delay));
		CascadeVersion extended = this.registry.createCascadeVersion(new NewCascadeVersion(source.cascade(), tiers,
				"version " + source.version() + " with " + model + " as its last tier (job " + context.jobId() + ")",
				context.actor()));
		return this.calibration.run(calibrationOf(request, extended), context);
	}

	private static CalibrateParameters calibrationOf(Request request, CascadeVersion version) {
		return new CalibrateParameters(version.cascade(), version.version(), request.datasetId(), request.split(), null,
				null, null, request.policy(), null, request.measureCosts(), null, null, null, request.activate(), null);
	}

	/**
	 * A cascade to put a trained tier at the end of, and how to calibrate it.
	 *
	 * @param name the cascade's name
	 * @param version the version to start from; default the active one, else the latest
	 * @param datasetId the labelled data set to calibrate on (rows the tier was not
	 * trained on)
	 * @param split only the data set's rows of this split; default every row
	 * @param policy the threshold policy; default the calibrate job's
	 * @param measureCosts whether to measure each tier's cost at several batch sizes and
	 * thread counts; default true
	 * @param activate whether to activate the calibrated version, as a calibrate job does
	 * ({@link CalibrateParameters#activate}); default false
	 */
	public record Request(@NotBlank String name, @Nullable Integer version, long datasetId, @Nullable String split,
			@Valid @Nullable PolicySpec policy, @Nullable Boolean measureCosts, @Nullable Boolean activate) {

	}

}
