package dev.tango.admin.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobHandler;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.data.TierRunner;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeVersion;

/**
 * Evaluates a cascade version on a labelled data set: every tier alone, and the cascade
 * with the version's thresholds, each tier run once over every row.
 */
@Component
public class EvaluateJob implements JobHandler<EvaluateParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "EVALUATE";

	private final JobData data;

	private final CascadeVersionLoader loader;

	EvaluateJob(JobData data, CascadeVersionLoader loader) {
		this.data = data;
		this.loader = loader;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<EvaluateParameters> parametersType() {
		return EvaluateParameters.class;
	}

	@Override
	public EvaluationReport run(EvaluateParameters parameters, JobContext context) {
		context.progress("reading the data set", 0, 0, null);
		JobData.Loaded data = this.data.load(parameters.cascade(), parameters.version(), parameters.datasetId(),
				parameters.split(), 2, "evaluation");
		CascadeVersion version = data.version();
		Dataset dataset = data.dataset();
		LabelledInputs inputs = data.inputs();
		context.progress("loading the cascade", 2, 0, null);
		try (LoadedCascadeVersion loaded = this.loader.load(version)) {
			List<Stage> stages = loaded.stages();
			TierRunner.StageRuns scored = TierScoring.score(stages, inputs, context, "scoring", 10, 95);
			List<Double> thresholds = stages.subList(0, stages.size() - 1).stream().map(Stage::threshold).toList();
			LabelledPredictions labelled = scored.scores().predictions();
			TierCosts costs = scored.costs();
			OperatingPoint point = ThresholdSweep.of(labelled, costs, 3).evaluate(thresholds);
			int n = inputs.size();
			List<EvaluationReport.TierResult> tiers = new ArrayList<>();
			for (int k = 0; k < stages.size(); k++) {
				tiers.add(new EvaluationReport.TierResult(k, stages.get(k).tier().name(), labelled.accuracy(k),
						EvaluationReport.interval(labelled.accuracy(k), n), costs.nanos(k)));
			}
			double agreement = agreement(labelled, thresholds);
			return new EvaluationReport(version.cascade(), version.version(), dataset.id(), dataset.sha256(),
					parameters.split(), n, tiers, thresholds, point.accuracy(),
					EvaluationReport.interval(point.accuracy(), n), point.escalation(), agreement, point.speedup());
		}
	}

	private static double agreement(LabelledPredictions labelled, List<Double> thresholds) {
		int last = labelled.tierCount() - 1;
		int same = 0;
		for (int i = 0; i < labelled.size(); i++) {
			int tier = 0;
			while (tier < last && labelled.tier(tier).confidence(i) < thresholds.get(tier)) {
				tier++;
			}
			same += (labelled.tier(tier).label(i) == labelled.tier(last).label(i)) ? 1 : 0;
		}
		return (double) same / labelled.size();
	}

}
