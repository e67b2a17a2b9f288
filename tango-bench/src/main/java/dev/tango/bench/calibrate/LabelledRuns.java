package dev.tango.bench.calibrate;

import java.util.List;
import java.util.Objects;

import dev.tango.core.calibration.CascadeEvaluation;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.LabelledScores;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.TierRunner;
import dev.tango.runtime.data.TierRunner.StageRuns;
import dev.tango.runtime.data.TierRunner.TierRun;

/**
 * Every tier of a cascade run on every row of a labelled data set ({@link TierRunner}):
 * what each tier gave with the confidence its stage routes on, the true labels, and each
 * tier's measured cost per input. The raw material of threshold sweeps.
 *
 * @param data the data set
 * @param labels the cascade's labels
 * @param unknownLabels the number of rows whose label is none of the cascade's: they
 * count as wrong for every tier
 * @param stageRuns what each tier gave and cost, and the labelled scores
 */
public record LabelledRuns(LabelledDataset data, List<String> labels, int unknownLabels, StageRuns stageRuns) {

	public LabelledRuns {
		Objects.requireNonNull(data, "data");
		labels = List.copyOf(labels);
		Objects.requireNonNull(stageRuns, "stageRuns");
	}

	/**
	 * Runs every stage's tier over a data set at the stage's batch size.
	 * @param stages the cascade's stages, cheapest first; all tiers share their labels
	 * @param data the data set, at least one row
	 * @return the runs
	 * @throws IllegalArgumentException if the data set has no rows, or no row's label is
	 * one of the cascade's, before any tier runs
	 * @throws dev.tango.core.tier.TierException if a tier fails
	 */
	public static LabelledRuns measure(List<Stage> stages, LabelledDataset data) {
		if (data.size() == 0) {
			throw new IllegalArgumentException(data.name() + " has no rows");
		}
		List<String> labels = stages.get(0).tier().labels();
		int[] truth = truth(data, labels);
		int unknown = 0;
		for (int label : truth) {
			unknown += (label == labels.size()) ? 1 : 0;
		}
		if (unknown == truth.length) {
			throw new IllegalArgumentException("No row's label is one of the cascade's labels " + labels
					+ ": the data's labels are " + data.labels() + " (label ids, not display names, are compared)");
		}
		return new LabelledRuns(data, labels, unknown, TierRunner.run(stages, data.inputs(), truth, (done, total) -> {
		}));
	}

	/**
	 * Returns each row's label as an index into the cascade's labels; a label the cascade
	 * does not know gets {@code labels.size()}, which no tier predicts.
	 * @param data the data set
	 * @param labels the cascade's labels
	 * @return the indices, in row order
	 */
	public static int[] truth(LabelledDataset data, List<String> labels) {
		return data.labelIndices(labels, labels.size());
	}

	/**
	 * Returns what each tier gave and cost.
	 * @return the runs, cheapest tier first
	 */
	public List<TierRun> runs() {
		return this.stageRuns.runs();
	}

	/**
	 * Returns the true labels and every tier's scores.
	 * @return the labelled scores
	 */
	public LabelledScores scores() {
		return this.stageRuns.scores();
	}

	/**
	 * Returns the true labels and each tier's predictions at its stage's temperature.
	 * @return the labelled predictions
	 */
	public LabelledPredictions predictions() {
		return scores().predictions();
	}

	/**
	 * Returns each tier's measured cost per input.
	 * @return the costs, cheapest tier first
	 */
	public TierCosts costs() {
		return this.stageRuns.costs();
	}

	/**
	 * Evaluates the cascade at some thresholds from these runs, as the admin's evaluate
	 * job does from its own.
	 * @param thresholds one per tier but the last
	 * @return each tier alone and the cascade at those thresholds
	 */
	public CascadeEvaluation evaluate(List<Double> thresholds) {
		return CascadeEvaluation.of(runs().stream().map(TierRun::tier).toList(), predictions(), costs(), thresholds);
	}

}
