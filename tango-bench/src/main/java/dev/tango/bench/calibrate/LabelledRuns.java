package dev.tango.bench.calibrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tango.bench.calibrate.TierRunner.TierRun;
import dev.tango.bench.calibrate.TierRunner.TierSpec;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.calibration.TierPredictions;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;

/**
 * Every tier of a cascade run on every row of a labelled data set ({@link TierRunner}):
 * what each tier predicts with the confidence its stage routes on, the true labels, and
 * each tier's measured cost per input. The raw material of threshold sweeps.
 *
 * @param data the data set
 * @param labels the cascade's labels
 * @param unknownLabels the number of rows whose label is none of the cascade's: they
 * count as wrong for every tier
 * @param runs what each tier gave and cost, cheapest first
 * @param predictions the true labels and each tier's predictions
 */
public record LabelledRuns(LabelledDataset data, List<String> labels, int unknownLabels, List<TierRun> runs,
		LabelledPredictions predictions) {

	public LabelledRuns {
		Objects.requireNonNull(data, "data");
		labels = List.copyOf(labels);
		runs = List.copyOf(runs);
		Objects.requireNonNull(predictions, "predictions");
	}

	/**
	 * Runs every stage's tier over a data set at the stage's batch size.
	 * @param stages the cascade's stages, cheapest first; all tiers share their labels
	 * @param data the data set, at least one row
	 * @return the runs
	 * @throws dev.tango.core.tier.TierException if a tier fails
	 */
	public static LabelledRuns measure(List<Stage> stages, LabelledDataset data) {
		List<String> labels = stages.get(0).tier().labels();
		int[] truth = truth(data, labels);
		int unknown = 0;
		for (int label : truth) {
			unknown += (label == labels.size()) ? 1 : 0;
		}
		List<TierRun> runs = TierRunner
			.run(stages.stream().map((stage) -> new TierSpec(stage.tier(), stage.batchSize())).toList(), data.inputs());
		List<TierPredictions> predictions = new ArrayList<>();
		for (int k = 0; k < stages.size(); k++) {
			Stage stage = stages.get(k);
			predictions.add(TierPredictions.of(runs.get(k).scores(),
					new ConfidenceFunction(stage.tier().activation(), stage.measure(), stage.temperature())));
		}
		return new LabelledRuns(data, labels, unknown, runs, new LabelledPredictions(truth, predictions));
	}

	/**
	 * Returns each row's label as an index into the cascade's labels; a label the cascade
	 * does not know gets {@code labels.size()}, which no tier predicts.
	 * @param data the data set
	 * @param labels the cascade's labels
	 * @return the indices, in row order
	 */
	public static int[] truth(LabelledDataset data, List<String> labels) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			index.put(labels.get(i), i);
		}
		List<LabelledExample> examples = data.examples();
		int[] truth = new int[examples.size()];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = index.getOrDefault(examples.get(i).label(), labels.size());
		}
		return truth;
	}

	/**
	 * Returns each tier's measured cost per input.
	 * @return the costs, cheapest tier first
	 */
	public TierCosts costs() {
		return new TierCosts(this.runs.stream().map((run) -> Math.max(1.0, run.nanosPerInput())).toList());
	}

}
