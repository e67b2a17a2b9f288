package dev.tango.core.cascade;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TierException;
import dev.tango.core.tier.TierUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The escalation rule of one stage, the one both engines (the synchronous {@link Cascade}
 * and the dynamic batcher) apply to a tier's scores: the confidence is the stage's
 * {@link Stage#measure() measure} of the tier's probabilities at the stage's
 * {@link Stage#temperature() temperature}; the stage answers when that confidence is at
 * or above its {@link Stage#threshold() threshold}, and the last stage always answers.
 * Otherwise the input escalates to the next stage. An input the stage cannot answer (its
 * time ran out before the tier ran it, or the tier was out of reach) takes the previous
 * stage's prediction, marked as a fallback, where the stage falls back
 * ({@link #fallback}); otherwise it fails.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class Routing {

	private final int index;

	private final boolean last;

	private final double threshold;

	private final List<String> labels;

	private final ConfidenceFunction confidence;

	private final boolean fallsBack;

	/**
	 * Creates the rule of a stage.
	 * @param stage the stage
	 * @param index the stage's zero-based position in its cascade, reported in
	 * predictions
	 * @param last whether it is the last stage, which answers every input
	 */
	public Routing(Stage stage, int index, boolean last) {
		Objects.requireNonNull(stage, "stage");
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative, was " + index);
		}
		this.index = index;
		this.last = last;
		this.threshold = stage.threshold();
		this.labels = List.copyOf(stage.tier().labels());
		this.confidence = new ConfidenceFunction(stage.tier().activation(), stage.measure(), stage.temperature());
		this.fallsBack = stage.tier().fallsBack();
	}

	/**
	 * Returns the rules of every stage of a cascade.
	 * @param stages the stages, cheapest first
	 * @return one rule per stage, in stage order
	 */
	public static List<Routing> of(List<Stage> stages) {
		int count = stages.size();
		return IntStream.range(0, count).mapToObj((k) -> new Routing(stages.get(k), k, k == count - 1)).toList();
	}

	/**
	 * Decides what happens to one input the stage's tier scored.
	 * @param scores the tier's scores for the input, one logit per label, no NaN
	 * @param withProbabilities whether the prediction carries the probability per label
	 * @return the stage's prediction, with its confidence, when the stage answers;
	 * {@code null} when the input escalates to the next stage
	 * @throws IllegalArgumentException if the logits are empty or contain NaN
	 */
	public @Nullable Prediction route(Scores scores, boolean withProbabilities) {
		Prediction prediction = predict(scores, withProbabilities);
		return answers(prediction) ? prediction : null;
	}

	/**
	 * Returns the stage's prediction for one input, whether or not the stage answers it.
	 * @param scores the tier's scores for the input, one logit per label, no NaN
	 * @param withProbabilities whether the prediction carries the probability per label
	 * @return the prediction
	 * @throws IllegalArgumentException if the logits are empty or contain NaN
	 */
	public Prediction predict(Scores scores, boolean withProbabilities) {
		float[] logits = scores.logits();
		double value = this.confidence.confidence(logits);
		int label = this.confidence.label(logits);
		float[] probabilities = withProbabilities ? this.confidence.probabilities(logits) : null;
		return new Prediction(label, this.labels.get(label), value, probabilities, this.index, scores.truncated());
	}

	/**
	 * Returns whether the stage answers with a prediction of its own.
	 * @param prediction a prediction of this stage
	 * @return {@code true} at the last stage or when the confidence reaches the threshold
	 */
	public boolean answers(Prediction prediction) {
		return this.last || prediction.confidence() >= this.threshold;
	}

	/**
	 * Decides what answers an input that this stage could not answer: the previous
	 * stage's prediction, marked as a {@link Prediction#fallback() fallback}, when the
	 * stage falls back (for a failed call, when the failure says so,
	 * {@link TierUnavailableException#fallBack()}; for a time limit that passed before
	 * the call, when the stage's tier {@link dev.tango.core.tier.Tier#fallsBack() falls
	 * back}) and there is a previous prediction; otherwise nothing, and the input fails.
	 * @param previous the previous stage's prediction of the input, or {@code null} at
	 * the first stage
	 * @param failure why the tier did not answer, or {@code null} when the time ran out
	 * before it could run
	 * @return the fallback prediction, or {@code null} when the input fails
	 */
	public @Nullable Prediction fallback(@Nullable Prediction previous, @Nullable TierException failure) {
		boolean allowed = (failure == null) ? this.fallsBack
				: failure instanceof TierUnavailableException unavailable && unavailable.fallBack();
		return (allowed && previous != null) ? previous.asFallback() : null;
	}

}
