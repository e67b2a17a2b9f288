package dev.tango.admin.evaluation;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.tango.admin.dataset.Dataset;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.AbstractJobHandler;
import dev.tango.core.calibration.CascadeEvaluation;
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
public class EvaluateJob extends AbstractJobHandler<EvaluateParameters> {

	/** The name of this kind of job. */
	public static final String KIND = "EVALUATE";

	/** The fewest rows an evaluation works on. */
	private static final int MINIMUM_ROWS = 2;

	private static final String PURPOSE = "evaluation";

	private final JobData data;

	private final CascadeVersionLoader loader;

	EvaluateJob(JobData data, CascadeVersionLoader loader) {
		super(KIND, EvaluateParameters.class);
		this.data = data;
		this.loader = loader;
	}

	/**
	 * Checks the cascade version, the data set and its split ({@link JobData#require}).
	 */
	@Override
	public void check(EvaluateParameters parameters) {
		this.data.require(parameters.cascade(), parameters.version(), parameters.datasetId(), parameters.split(),
				MINIMUM_ROWS, 1, PURPOSE);
	}

	@Override
	public Set<Long> datasets(EvaluateParameters parameters) {
		return Set.of(parameters.datasetId());
	}

	@Override
	public EvaluationReport run(EvaluateParameters parameters, JobContext context) {
		context.progress("reading the data set", 0, 0, null);
		JobData.Loaded data = this.data.load(parameters.cascade(), parameters.version(), parameters.datasetId(),
				parameters.split(), MINIMUM_ROWS, PURPOSE);
		CascadeVersion version = data.version();
		Dataset dataset = data.dataset();
		LabelledInputs inputs = data.inputs();
		context.progress("loading the cascade", 2, 0, null);
		try (LoadedCascadeVersion loaded = this.loader.load(version)) {
			List<Stage> stages = loaded.stages();
			TierRunner.StageRuns scored = TierScoring.score(stages, inputs, context, "scoring", 10, 95);
			List<Double> thresholds = stages.subList(0, stages.size() - 1).stream().map(Stage::threshold).toList();
			CascadeEvaluation evaluation = CascadeEvaluation.of(
					stages.stream().map((stage) -> stage.tier().name()).toList(), scored.scores().predictions(),
					scored.costs(), thresholds);
			return EvaluationReport.of(version.cascade(), version.version(), dataset.id(), dataset.sha256(),
					parameters.split(), inputs.size(), evaluation);
		}
	}

}
