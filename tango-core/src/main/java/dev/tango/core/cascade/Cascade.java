package dev.tango.core.cascade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;

/**
 * An ordered list of tiers that classifies inputs: every input goes to the first tier; an
 * input whose confidence there is below the stage's threshold goes on to the next tier,
 * and so on; the last tier answers whatever reaches it. Each tier sees the inputs that
 * reach it in batches of inputs of similar length (see {@link LengthBatching}), of at
 * most its stage's batch size. The tiers run on copies of the inputs that keep their
 * encodings ({@link TextInput#keepingEncodings()}), so the token encodings made during a
 * call (once per input and distinct tokenizer, shared by grouping, running and later
 * tiers) live as long as the call.
 *
 * <p>
 * A cascade is immutable. It is safe to use from several threads at once because
 * {@link Tier#classify(List)} is. It does not own its tiers and never closes them:
 * whoever built the tiers closes them, after the last call.
 */
public final class Cascade {

	private final List<Stage> stages;

	private final List<Routing> routings;

	private final List<String> labels;

	/**
	 * Creates a cascade.
	 * @param stages the stages, cheapest first: at least one, all tiers with the same
	 * labels in the same order and the same activation
	 * @throws IllegalArgumentException if the stages are empty or the tiers disagree on
	 * labels or activation
	 */
	public Cascade(List<Stage> stages) {
		this.stages = List.copyOf(stages);
		if (this.stages.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one stage");
		}
		Tier first = this.stages.get(0).tier();
		this.labels = List.copyOf(first.labels());
		for (Stage stage : this.stages) {
			Tier tier = stage.tier();
			checkSameLabels(first, tier);
			if (tier.activation() != first.activation()) {
				throw new IllegalArgumentException(
						"All tiers of a cascade must have the same activation: tier '" + first.name() + "' uses "
								+ first.activation() + ", tier '" + tier.name() + "' uses " + tier.activation());
			}
		}
		this.routings = Routing.of(this.stages);
	}

	/**
	 * Returns the stages, cheapest first.
	 * @return an immutable list of at least one stage
	 */
	public List<Stage> stages() {
		return this.stages;
	}

	/**
	 * Returns the labels that every tier of the cascade shares.
	 * @return an immutable list of at least one label
	 */
	public List<String> labels() {
		return this.labels;
	}

	/**
	 * Classifies inputs through the cascade, without a time limit. An empty list calls no
	 * tier.
	 * @param inputs the inputs, without {@code null} elements
	 * @param withProbabilities whether each prediction carries the answering tier's
	 * probability per label
	 * @return one prediction per input in input order, and one {@link TierStats} per tier
	 * in cascade order
	 * @throws TierException if a tier fails or breaks its contract and does not fall back
	 * ({@link Routing#fallback}); the whole call fails
	 */
	public CascadeResult classify(List<TextInput> inputs, boolean withProbabilities) {
		return run(inputs, withProbabilities, LengthBatching.NO_LIMIT, Duration.ZERO);
	}

	/**
	 * Classifies inputs through the cascade within a time limit: each tier call is given
	 * the time left, and no batch starts once it is spent. Inputs a later tier cannot
	 * answer in time, or because it is out of reach, follow the stage's
	 * {@link Routing#fallback fallback rule}, the one the batching cascade follows: the
	 * previous tier's prediction, marked as a fallback, where the stage falls back;
	 * otherwise the call fails. An empty list calls no tier.
	 * @param inputs the inputs, without {@code null} elements
	 * @param withProbabilities whether each prediction carries the answering tier's
	 * probability per label
	 * @param timeLimit how long the call may take, positive
	 * @return one prediction per input in input order, and one {@link TierStats} per tier
	 * in cascade order ({@link TierStats#answered()} counts the tier's own answers, not
	 * fallbacks)
	 * @throws DeadlineExceededException if the time ran out before a stage that does not
	 * fall back could answer
	 * @throws TierException if a tier fails or breaks its contract and does not fall back
	 */
	public CascadeResult classify(List<TextInput> inputs, boolean withProbabilities, Duration timeLimit) {
		if (timeLimit.isNegative() || timeLimit.isZero()) {
			throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
		}
		return run(inputs, withProbabilities, timeLimit.toNanos(), timeLimit);
	}

	private CascadeResult run(List<TextInput> inputs, boolean withProbabilities, long limitNanos, Duration limit) {
		long start = System.nanoTime();
		List<TextInput> all = inputs.stream().map(TextInput::keepingEncodings).toList();
		Prediction[] predictions = new Prediction[all.size()];
		Prediction[] previous = new Prediction[all.size()];
		List<TierStats> stats = new ArrayList<>(this.stages.size());
		int[] pending = new int[all.size()];
		Arrays.setAll(pending, (i) -> i);
		int pendingCount = all.size();
		for (int k = 0; k < this.stages.size(); k++) {
			Stage stage = this.stages.get(k);
			String name = stage.tier().name();
			if (pendingCount == 0) {
				stats.add(new TierStats(name, 0, 0, 0, 0));
				continue;
			}
			List<TextInput> reaching = new ArrayList<>(pendingCount);
			for (int j = 0; j < pendingCount; j++) {
				reaching.add(all.get(pending[j]));
			}
			Routing routing = this.routings.get(k);
			int index = k;
			long left = (limitNanos == LengthBatching.NO_LIMIT) ? limitNanos
					: Math.max(1, limitNanos - (System.nanoTime() - start));
			LengthBatching.Result run = LengthBatching.classify(stage.tier(), reaching, stage.batchSize(), left,
					(members, failure) -> {
						for (int member : members) {
							int input = pending[member];
							Prediction fallback = routing.fallback(previous[input], failure);
							if (fallback == null) {
								throw (failure != null) ? failure : new DeadlineExceededException(index, name, limit);
							}
							predictions[input] = fallback;
						}
					});
			int escalated = 0;
			int answered = 0;
			for (int j = 0; j < pendingCount; j++) {
				Scores scores = run.scores().get(j);
				if (scores == null) {
					continue;
				}
				Prediction prediction = routing.predict(scores, withProbabilities);
				if (routing.answers(prediction)) {
					predictions[pending[j]] = prediction;
					answered++;
				}
				else {
					previous[pending[j]] = prediction;
					pending[escalated++] = pending[j];
				}
			}
			stats.add(new TierStats(name, pendingCount, answered, run.batches(), run.nanos()));
			pendingCount = escalated;
		}
		return new CascadeResult(Arrays.asList(predictions), stats, System.nanoTime() - start);
	}

	private static void checkSameLabels(Tier first, Tier tier) {
		List<String> expected = first.labels();
		List<String> actual = tier.labels();
		if (actual.equals(expected)) {
			return;
		}
		int shared = Math.min(expected.size(), actual.size());
		for (int i = 0; i < shared; i++) {
			if (!expected.get(i).equals(actual.get(i))) {
				throw new IllegalArgumentException(
						"All tiers of a cascade must have the same labels in the same order: " + "label " + i + " is '"
								+ expected.get(i) + "' in tier '" + first.name() + "' but '" + actual.get(i)
								+ "' in tier '" + tier.name() + "'");
			}
		}
		throw new IllegalArgumentException(
				"All tiers of a cascade must have the same labels in the same order: tier '" + first.name() + "' has "
						+ expected.size() + " labels but tier '" + tier.name() + "' has " + actual.size());
	}

}
