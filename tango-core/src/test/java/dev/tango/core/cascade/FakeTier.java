package dev.tango.core.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;

/**
 * A tier whose logits are a deterministic function of the input, which records every
 * batch it classifies.
 */
public final class FakeTier implements Tier {

	private final String name;

	private final List<String> labels;

	private final Activation activation;

	private final Function<TextInput, float[]> logits;

	private final List<List<TextInput>> batches = new ArrayList<>();

	public FakeTier(String name, List<String> labels, Activation activation, Function<TextInput, float[]> logits) {
		this.name = name;
		this.labels = List.copyOf(labels);
		this.activation = activation;
		this.logits = logits;
	}

	/**
	 * Returns a two-label softmax tier reading its confidence from the input: the
	 * {@code position}-th space-separated word of the text is a probability {@code p} of
	 * label {@code a}, so the tier predicts {@code a} with confidence {@code p} when
	 * {@code p >= 0.5}, else {@code b} with confidence {@code 1 - p}. Words after those
	 * read by the tiers pad the text to any length.
	 */
	public static FakeTier reading(String name, int position) {
		return new FakeTier(name, List.of("a", "b"), Activation.SOFTMAX, (input) -> {
			double p = Double.parseDouble(input.text().split(" ")[position]);
			return new float[] { (float) Math.log(p), (float) Math.log1p(-p) };
		});
	}

	/**
	 * Returns a softmax tier with pseudo-random logits from a hash of the tier's name and
	 * the input: halves from -3 to 2.5, so that confidences often tie, and now and then
	 * {@code +inf}, so that some predictions are certain.
	 */
	public static FakeTier hashed(String name, List<String> labels) {
		return new FakeTier(name, labels, Activation.SOFTMAX, (input) -> {
			float[] logits = new float[labels.size()];
			long state = (name + "\u0000" + input.text()).hashCode();
			for (int i = 0; i < logits.length; i++) {
				state = state * 6364136223846793005L + 1442695040888963407L;
				int step = Math.floorMod(state >>> 33, 13);
				logits[i] = (step == 12) ? Float.POSITIVE_INFINITY : step / 2f - 3f;
			}
			return logits;
		});
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public List<String> labels() {
		return this.labels;
	}

	@Override
	public Activation activation() {
		return this.activation;
	}

	@Override
	public int preferredBatchSize() {
		return 4;
	}

	@Override
	public int maxInputTokens() {
		return 512;
	}

	@Override
	public synchronized List<Scores> classify(List<TextInput> inputs) {
		this.batches.add(List.copyOf(inputs));
		return inputs.stream().map((input) -> new Scores(logits(input), false)).toList();
	}

	/** Returns the logits this tier gives an input, without recording a call. */
	public float[] logits(TextInput input) {
		return this.logits.apply(input);
	}

	/** Returns every batch classified so far, in call order. */
	public synchronized List<List<TextInput>> batches() {
		return List.copyOf(this.batches);
	}

	/** Returns every input classified so far, in call order. */
	public synchronized List<TextInput> classified() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

}
