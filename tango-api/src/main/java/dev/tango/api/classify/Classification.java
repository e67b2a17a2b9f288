package dev.tango.api.classify;

import java.util.List;

import dev.tango.core.batching.StageStats;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.Label;

/**
 * The answers to a {@link ClassifyCommand}, all from one cascade version.
 *
 * @param cascade the cascade's name
 * @param version the version that answered
 * @param labels the labels, in the order of each prediction's probabilities, with their
 * display names
 * @param predictions one per input, in input order
 * @param stages what each tier did for this request, one per tier, cheapest first
 * @param nanos the time from submission to the last answer, in nanoseconds
 * @param answerIds the id of each answer, in input order, for feedback on it
 */
public record Classification(String cascade, int version, List<Label> labels, List<Prediction> predictions,
		List<StageStats> stages, long nanos, List<String> answerIds) {

	public Classification {
		answerIds = List.copyOf(answerIds);
		labels = List.copyOf(labels);
		predictions = List.copyOf(predictions);
		stages = List.copyOf(stages);
	}

	/**
	 * Returns the name an answer shows for a prediction's label: its display name, or its
	 * identifier when it has none.
	 * @param prediction one of the predictions
	 * @return the name
	 */
	public String labelName(Prediction prediction) {
		return this.labels.get(prediction.labelIndex()).name();
	}

}
