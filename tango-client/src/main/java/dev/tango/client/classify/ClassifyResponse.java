package dev.tango.client.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a classification request, every result from one cascade version. Fields
 * the service adds later are ignored; fields it leaves out read as empty, zero or
 * {@code false}.
 *
 * @param cascade the cascade's name
 * @param version the cascade version that produced every result
 * @param results one result per input, in input order
 * @param tiers what each tier did for this request, cheapest first
 * @param totalMs milliseconds from admission to the last answer
 */
public record ClassifyResponse(String cascade, int version, List<Result> results, List<TierUsage> tiers,
		double totalMs) {

	/**
	 * Makes the lists unmodifiable; a missing list is empty.
	 */
	public ClassifyResponse {
		results = (results != null) ? List.copyOf(results) : List.of();
		tiers = (tiers != null) ? List.copyOf(tiers) : List.of();
	}

	/**
	 * Returns the predicted labels.
	 * @return one label per input, in input order
	 */
	public List<String> labels() {
		return this.results.stream().map(Result::label).toList();
	}

	/**
	 * The answer for one input.
	 *
	 * @param label the predicted label
	 * @param confidence the answering tier's confidence, in [0, 1]
	 * @param tier the tier that answered
	 * @param truncated whether that tier cut the input to the most tokens it reads
	 * @param probabilities every label's probability from that tier, in the labels'
	 * order, when asked for; otherwise {@code null}
	 * @param fallback whether the tier meant to answer was out of reach and the tier
	 * before it answered although unsure
	 * @param answerId the answer's id, to send with its true label in a
	 * {@link dev.tango.client.feedback.FeedbackItem#ofAnswer feedback item}; {@code null}
	 * from a service that gives none
	 */
	public record Result(String label, double confidence, TierRef tier, boolean truncated,
			@Nullable Map<String, Double> probabilities, boolean fallback, @Nullable String answerId) {

		/**
		 * Makes the probabilities unmodifiable, keeping their order.
		 */
		public Result {
			probabilities = (probabilities != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(probabilities))
					: null;
		}

	}

	/**
	 * A tier of the cascade.
	 *
	 * @param index its position, 0 for the cheapest
	 * @param name its name
	 */
	public record TierRef(int index, String name) {

	}

	/**
	 * What one tier did for the request.
	 *
	 * @param index the tier's position, 0 for the cheapest
	 * @param name the tier's name
	 * @param inputs the request's inputs that reached it
	 * @param answered how many of them it answered
	 * @param batches the tier calls, shared with other requests, that held some of them
	 * @param queueMs the longest wait of one of them in the tier's queue, in milliseconds
	 * @param computeMs the total duration of those tier calls, in milliseconds
	 */
	public record TierUsage(int index, String name, int inputs, int answered, int batches, double queueMs,
			double computeMs) {

	}

}
