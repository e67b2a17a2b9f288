package dev.tango.core.tier;

import java.time.Duration;
import java.util.List;

/**
 * A model that classifies a batch of inputs into one score per label: the port that every
 * kind of model (an ONNX classifier, an encoder with a linear head, a lexical model, a
 * remote server) implements.
 *
 * <p>
 * Contract:
 * <ul>
 * <li>{@link #classify(List)} returns exactly one {@link Scores} per input, in input
 * order, each with {@code labels().size()} logits.</li>
 * <li>It is safe to call {@link #classify(List)} from several threads at once; an
 * implementation that holds single-threaded resources (such as a DJL {@code Predictor})
 * pools them.</li>
 * <li>Every {@link TextInput}, including an empty, blank or very long text, has a defined
 * result; inputs longer than {@link #maxInputTokens()} are truncated and marked so.</li>
 * <li>The tier owns its native resources and releases them in {@link #close()}; no call
 * may be in progress or made afterwards.</li>
 * </ul>
 */
public interface Tier extends AutoCloseable {

	/**
	 * Returns a short name for logs, metrics and responses, such as
	 * {@code all-minilm-l6-v2-q+sst2}.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the label identifiers, in the order of the logits: those of the data the
	 * tier was trained on, which calibration and evaluation match data by. Display names
	 * are not the tier's to give (see {@link Label}).
	 * @return an immutable list of at least one label identifier
	 */
	List<String> labels();

	/**
	 * Returns how logits become probabilities.
	 * @return the activation, {@link Activation#SOFTMAX} unless the tier is multi-label
	 */
	default Activation activation() {
		return Activation.SOFTMAX;
	}

	/**
	 * Returns the batch size at which this tier is cheapest per input on a typical host.
	 * @return a positive batch size
	 */
	int preferredBatchSize();

	/**
	 * Returns the longest input, in tokens, that the tier reads whole.
	 * @return a positive number of tokens
	 */
	int maxInputTokens();

	/**
	 * Returns the length of an input in the unit that drives this tier's cost (tokens for
	 * a transformer), used to group inputs of similar length into one batch. It must be
	 * cheap relative to {@link #classify(List)}.
	 * @param input the input
	 * @return a non-negative length
	 */
	default int length(TextInput input) {
		return input.charLength();
	}

	/**
	 * Classifies a batch of inputs.
	 * @param inputs the inputs, at most a few times {@link #preferredBatchSize()}; may be
	 * empty
	 * @return one {@link Scores} per input, in input order
	 * @throws TierException if the model fails
	 */
	List<Scores> classify(List<TextInput> inputs);

	/**
	 * Classifies a batch of inputs that nobody waits for longer than a given time: the
	 * call the cascade engines make. A tier whose work can be bounded (a remote one, with
	 * its timeouts and retries) gives up once the time is spent, with a
	 * {@link TierException}; a local tier ignores it. By default,
	 * {@link #classify(List)}.
	 * @param inputs the inputs, as for {@link #classify(List)}
	 * @param timeLeft how long the latest caller of the batch still waits, positive
	 * @return one {@link Scores} per input, in input order
	 * @throws TierException if the model fails or the time runs out
	 */
	default List<Scores> classify(List<TextInput> inputs, Duration timeLeft) {
		return classify(inputs);
	}

	/**
	 * Returns whether inputs this tier cannot answer in time are answered by the previous
	 * tier's prediction, marked as a fallback, rather than fail: the tier's own setting
	 * (a remote tier's {@code fallback} option). A tier that falls back also says so in
	 * the {@link TierUnavailableException}s it throws. By default, {@code false}.
	 * @return whether the tier falls back to the previous tier
	 */
	default boolean fallsBack() {
		return false;
	}

	/**
	 * Releases the tier's resources. Idempotent.
	 */
	@Override
	default void close() {
	}

}
