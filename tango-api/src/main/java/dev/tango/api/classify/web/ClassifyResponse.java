package dev.tango.api.classify.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.tango.api.classify.Classification;
import dev.tango.core.batching.StageStats;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.Label;

/**
 * The answers to a classification request, all from one cascade version.
 *
 * @param cascade the cascade's name
 * @param version the cascade version that answered
 * @param results one result per input, in input order
 * @param tiers what each tier did for this request, cheapest first
 * @param totalMs the time from admission to the last answer
 */
@Schema(name = "ClassifyResponse", description = "One result per input, from one cascade version")
record ClassifyResponse(@Schema(example = "sst2-sentiment") String cascade,
		@Schema(description = "The cascade version that produced every result", example = "1") int version,
		List<Result> results,
		@Schema(description = "What each tier did for this request, cheapest first") List<TierUsage> tiers,
		@Schema(description = "Milliseconds from admission to the last answer", example = "7.4") double totalMs) {

	static ClassifyResponse of(Classification classification) {
		List<StageStats> stages = classification.stages();
		List<Prediction> predictions = classification.predictions();
		List<Result> results = new ArrayList<>(predictions.size());
		for (int i = 0; i < predictions.size(); i++) {
			results.add(Result.of(predictions.get(i), classification, classification.answerIds().get(i)));
		}
		List<TierUsage> tiers = new ArrayList<>(stages.size());
		for (int i = 0; i < stages.size(); i++) {
			StageStats stage = stages.get(i);
			tiers.add(new TierUsage(i, stage.tier(), stage.inputs(), stage.answered(), stage.batches(),
					millis(stage.queueNanos()), millis(stage.computeNanos())));
		}
		return new ClassifyResponse(classification.cascade(), classification.version(), results, tiers,
				millis(classification.nanos()));
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 1e4) / 100.0;
	}

	/**
	 * The answer for one input.
	 *
	 * @param label the predicted label's display name, or its identifier when it has none
	 * @param confidence the answering tier's confidence, in [0, 1]
	 * @param tier the tier that answered
	 * @param truncated whether that tier cut the input to its maximum length
	 * @param probabilities every label's probability by the same name, when asked for
	 * @param fallback {@code true} when the tier meant to answer was out of reach and the
	 * tier before it answered although unsure; absent otherwise
	 * @param answerId the answer's id, to send with its true label to
	 * {@code POST /v1/feedback}
	 */
	@Schema(name = "ClassifyResult",
			description = "The answer for one input: its label and confidence, and the tier that answered")
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Result(@Schema(example = "positive") String label,
			@Schema(description = "The answering tier's confidence, in [0, 1]", example = "0.97") double confidence,
			TierRef tier,
			@Schema(description = "Whether the answering tier cut the input to the most tokens it reads") boolean truncated,
			@Schema(description = "Every label's probability from the answering tier, when asked for") @Nullable Map<String, Float> probabilities,
			@Schema(description = "True when the tier meant to answer was out of reach and the tier before it answered; absent otherwise") @Nullable Boolean fallback,
			@Schema(description = "The answer's id: send it with the true label to POST /v1/feedback") String answerId) {

		static Result of(Prediction prediction, Classification classification, String answerId) {
			List<Label> labels = classification.labels();
			Map<String, Float> probabilities = null;
			float[] values = prediction.probabilities();
			if (values != null) {
				probabilities = new LinkedHashMap<>();
				for (int i = 0; i < values.length; i++) {
					probabilities.put(labels.get(i).name(), values[i]);
				}
			}
			return new Result(classification.labelName(prediction), prediction.confidence(),
					new TierRef(prediction.tier(), classification.stages().get(prediction.tier()).tier()),
					prediction.truncated(), probabilities, prediction.fallback() ? Boolean.TRUE : null, answerId);
		}

	}

	/**
	 * A tier of the cascade.
	 *
	 * @param index its position, 0 for the cheapest
	 * @param name its name
	 */
	@Schema(name = "TierRef", description = "The tier that answered")
	record TierRef(@Schema(description = "Position in the cascade, 0 for the cheapest") int index, String name) {

	}

	/**
	 * What one tier did for the request.
	 *
	 * @param index the tier's position
	 * @param name the tier's name
	 * @param inputs the request's inputs that reached it
	 * @param answered how many of them it answered
	 * @param batches the tier calls that held some of them
	 * @param queueMs the longest wait of one of them in the tier's queue
	 * @param computeMs the total duration of those tier calls
	 */
	@Schema(name = "TierUsage", description = "What one tier did for the request")
	record TierUsage(int index, String name,
			@Schema(description = "The request's inputs that reached this tier") int inputs,
			@Schema(description = "How many of them this tier answered") int answered,
			@Schema(description = "Tier calls that held some of them, shared with other requests") int batches,
			@Schema(description = "Longest wait of one of them in this tier's queue, in ms") double queueMs,
			@Schema(description = "Total duration of those tier calls, in ms") double computeMs) {

	}

}
