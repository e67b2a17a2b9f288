package dev.tango.core.cascade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;
import dev.tango.core.tier.TierUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a tier over a list of inputs in batches of inputs of similar length, so that a
 * batch pads little: the inputs are ordered by {@link Tier#length(TextInput)} (keeping
 * their order on equal lengths) and cut into consecutive batches of at most the batch
 * size, cut sooner where the padding a cut saves outweighs the cost of one more call
 * ({@link #partition}): the inputs that reach a later tier of a cascade are few and vary
 * more in length than the whole traffic, and would otherwise pay for the padding of their
 * longest. Batches run one after another on the calling thread.
 *
 * <p>
 * Every result is checked against the {@link Tier} contract: one {@link Scores} per
 * input, each with one logit per label and no NaN; a violation is a {@link TierException}
 * naming the tier.
 *
 * <p>
 * The {@link #batches grouping} and the {@link #checkResults contract check} also serve
 * callers that run the batches themselves, such as the batching cascade.
 */
public final class LengthBatching {

	/**
	 * What one more tier call costs, in the unit of {@link Tier#length}: for the small
	 * encoders served on CPU a call costs about as much as 16 tokens of padding (a batch
	 * of one runs 1.3 to 1.5 times slower per input than length-sorted batches).
	 */
	public static final long CALL_COST = 16;

	private LengthBatching() {
	}

	/** The time limit that never passes. */
	public static final long NO_LIMIT = Long.MAX_VALUE;

	/**
	 * Classifies every input with the tier.
	 * @param tier the tier
	 * @param inputs the inputs; may be empty, in which case the tier is not called
	 * @param batchSize the most inputs per call of the tier, at least 1
	 * @return the scores in the order of {@code inputs}, with the number of calls made
	 * and the time they took
	 * @throws TierException if the tier fails or breaks its contract
	 */
	public static Result classify(Tier tier, List<TextInput> inputs, int batchSize) {
		return classify(tier, inputs, batchSize, NO_LIMIT, (members, failure) -> {
			throw failure;
		});
	}

	/**
	 * Classifies every input with the tier within a time limit: each call is given the
	 * time left ({@link Tier#classify(List, java.time.Duration)}); a batch whose time is
	 * spent before it runs, or whose call fails with a {@link TierUnavailableException},
	 * goes to {@code unanswered}, which either throws (and the run fails) or returns (and
	 * the batch's scores stay {@code null}).
	 * @param tier the tier
	 * @param inputs the inputs; may be empty, in which case the tier is not called
	 * @param batchSize the most inputs per call of the tier, at least 1
	 * @param timeLimitNanos the time from now after which no batch starts, positive, or
	 * {@link #NO_LIMIT}
	 * @param unanswered what happens to a batch the tier could not answer
	 * @return the scores in the order of {@code inputs}, {@code null} for the inputs of
	 * unanswered batches, with the number of calls made and the time they took
	 * @throws TierException if the tier fails otherwise or breaks its contract
	 */
	public static Result classify(Tier tier, List<TextInput> inputs, int batchSize, long timeLimitNanos,
			Unanswered unanswered) {
		long start = System.nanoTime();
		int labelCount = tier.labels().size();
		Scores[] scores = new Scores[inputs.size()];
		List<int[]> batches = batches(inputs, tier::length, batchSize);
		int calls = 0;
		for (int[] members : batches) {
			long left = (timeLimitNanos == NO_LIMIT) ? NO_LIMIT : timeLimitNanos - (System.nanoTime() - start);
			if (left <= 0) {
				unanswered.batch(members, null);
				continue;
			}
			List<TextInput> batch = new ArrayList<>(members.length);
			for (int member : members) {
				batch.add(inputs.get(member));
			}
			List<Scores> results;
			try {
				calls++;
				results = (left == NO_LIMIT) ? tier.classify(batch) : tier.classify(batch, Duration.ofNanos(left));
			}
			catch (TierUnavailableException ex) {
				unanswered.batch(members, ex);
				continue;
			}
			checkResults(tier, labelCount, batch.size(), results);
			for (int i = 0; i < members.length; i++) {
				scores[members[i]] = results.get(i);
			}
		}
		return new Result(Arrays.asList(scores), calls, System.nanoTime() - start);
	}

	/**
	 * What a {@link #classify(Tier, List, int, long, Unanswered) run} does with a batch
	 * its tier could not answer.
	 */
	@FunctionalInterface
	public interface Unanswered {

		/**
		 * Handles one unanswered batch: throws to fail the run, or returns to go on.
		 * @param members the indices of the batch's inputs
		 * @param failure why the tier did not answer, or {@code null} when the time limit
		 * passed before the batch could run
		 * @throws RuntimeException to fail the run
		 */
		void batch(int[] members, @Nullable TierUnavailableException failure);

	}

	/**
	 * Groups items into batches that pad little: orders them {@link #byLength by length}
	 * and cuts them where {@link #partition partition} does, with a call costing
	 * {@value #CALL_COST} units of length.
	 * @param <T> the type of the items
	 * @param items the items
	 * @param length the length of an item, such as {@link Tier#length(TextInput)}; read
	 * once per item
	 * @param batchSize the most items per batch, at least 1
	 * @return the batches, shortest items first, each as the indices of its items in
	 * {@code items}, shortest first; every index in exactly one batch
	 */
	public static <T> List<int[]> batches(List<T> items, ToIntFunction<? super T> length, int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		int[] lengths = new int[items.size()];
		for (int i = 0; i < lengths.length; i++) {
			lengths[i] = length.applyAsInt(items.get(i));
		}
		int[] order = byLength(lengths);
		int[] sortedLengths = new int[order.length];
		for (int i = 0; i < order.length; i++) {
			sortedLengths[i] = lengths[order[i]];
		}
		int[] cuts = partition(sortedLengths, batchSize, CALL_COST);
		List<int[]> batches = new ArrayList<>(cuts.length - 1);
		for (int k = 0; k + 1 < cuts.length; k++) {
			batches.add(Arrays.copyOfRange(order, cuts[k], cuts[k + 1]));
		}
		return batches;
	}

	/**
	 * Returns the order in which to batch items so that each batch holds items of similar
	 * length: their indices by increasing length, equal lengths in index order. Reads
	 * each item's length once.
	 * @param <T> the type of the items
	 * @param items the items
	 * @param length the length of an item, such as {@link Tier#length(TextInput)}
	 * @return the indices of {@code items}, shortest first
	 */
	public static <T> int[] byLength(List<T> items, ToIntFunction<? super T> length) {
		int[] lengths = new int[items.size()];
		for (int i = 0; i < lengths.length; i++) {
			lengths[i] = length.applyAsInt(items.get(i));
		}
		return byLength(lengths);
	}

	/**
	 * Returns the indices of lengths in increasing order of length, equal lengths in
	 * index order.
	 * @param lengths non-negative lengths
	 * @return the indices of {@code lengths}, shortest first
	 */
	public static int[] byLength(int[] lengths) {
		// Each key holds the length in its high half and the index in its low half.
		long[] keys = new long[lengths.length];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = ((long) lengths[i] << 32) | i;
		}
		Arrays.sort(keys);
		int[] order = new int[keys.length];
		for (int i = 0; i < keys.length; i++) {
			order[i] = (int) keys[i];
		}
		return order;
	}

	/**
	 * Cuts items sorted by length into consecutive batches that cost least in all, where
	 * a batch costs a fixed {@code callCost} plus its size times its longest item's
	 * length: every item is padded to the longest of its batch. A batch is cut where the
	 * padding it saves outweighs the cost of one more call, so items of very different
	 * lengths do not share a batch even when fewer than {@code batchSize} are waiting.
	 * @param sortedLengths the items' lengths, in increasing order
	 * @param batchSize the most items per batch, at least 1
	 * @param callCost the cost of a call in the unit of the lengths, zero or more
	 * @return the start of each batch, then {@code sortedLengths.length}: batch {@code k}
	 * holds the items from {@code cuts[k]} to {@code cuts[k + 1]} (exclusive)
	 */
	public static int[] partition(int[] sortedLengths, int batchSize, long callCost) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		if (callCost < 0) {
			throw new IllegalArgumentException("callCost must not be negative, was " + callCost);
		}
		int count = sortedLengths.length;
		for (int i = 1; i < count; i++) {
			if (sortedLengths[i - 1] > sortedLengths[i]) {
				throw new IllegalArgumentException("sortedLengths must be in increasing order");
			}
		}
		// cost[j]: the least cost of the first j items; start[j]: where their last batch
		// starts.
		long[] cost = new long[count + 1];
		int[] start = new int[count + 1];
		for (int end = 1; end <= count; end++) {
			long longest = sortedLengths[end - 1];
			cost[end] = Long.MAX_VALUE;
			for (int from = end - 1; from >= Math.max(0, end - batchSize); from--) {
				long candidate = cost[from] + callCost + (end - from) * longest;
				if (candidate <= cost[end]) {
					cost[end] = candidate;
					start[end] = from;
				}
			}
		}
		int batches = 0;
		for (int end = count; end > 0; end = start[end]) {
			batches++;
		}
		int[] cuts = new int[batches + 1];
		cuts[batches] = count;
		for (int end = count, k = batches - 1; end > 0; end = start[end], k--) {
			cuts[k] = start[end];
		}
		return cuts;
	}

	/**
	 * Checks the results of one call of a tier against the {@link Tier} contract: one
	 * non-null {@link Scores} per input, each with one logit per label and no NaN.
	 * @param tier the tier, named in the failure
	 * @param labelCount the number of the tier's labels
	 * @param inputs the number of inputs in the call
	 * @param results what the call returned
	 * @throws TierException if the results break the contract
	 */
	public static void checkResults(Tier tier, int labelCount, int inputs, List<Scores> results) {
		if (results.size() != inputs) {
			throw new TierException(
					"Tier '" + tier.name() + "' returned " + results.size() + " results for " + inputs + " inputs");
		}
		for (Scores result : results) {
			if (result == null) {
				throw new TierException("Tier '" + tier.name() + "' returned a null result");
			}
			float[] logits = result.logits();
			if (logits.length != labelCount) {
				throw new TierException("Tier '" + tier.name() + "' returned " + logits.length + " logits for "
						+ labelCount + " labels");
			}
			for (float logit : logits) {
				if (Float.isNaN(logit)) {
					throw new TierException("Tier '" + tier.name() + "' returned a NaN logit");
				}
			}
		}
	}

	/**
	 * The outcome of {@link LengthBatching#classify(Tier, List, int)}.
	 *
	 * @param scores one result per input, in input order; {@code null} for the inputs of
	 * batches left unanswered
	 * @param batches the number of calls made to the tier
	 * @param nanos the wall-clock time of the whole run, in nanoseconds
	 */
	public record Result(List<@Nullable Scores> scores, int batches, long nanos) {

		public Result {
			scores = Collections.unmodifiableList(new ArrayList<>(scores));
		}

	}

}
