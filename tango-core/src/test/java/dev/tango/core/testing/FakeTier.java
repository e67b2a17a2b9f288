package dev.tango.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.tango.core.tier.AbstractTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tier for tests: logits that are a deterministic function of the input, a record of
 * every batch and of the threads that called it, an optional gate that holds calls until
 * released, and failures or broken results on demand. Safe to call from several threads
 * at once.
 */
public final class FakeTier extends AbstractTier {

	/** The labels of {@link #skilled(String, int) skilled} tiers. */
	public static final List<String> LABELS = List.of("neg", "pos");

	private final Function<TextInput, float[]> logits;

	private final Predicate<TextInput> truncates;

	private final List<List<TextInput>> batches = new CopyOnWriteArrayList<>();

	private final Set<String> threads = ConcurrentHashMap.newKeySet();

	private final Semaphore started = new Semaphore(0);

	private volatile @Nullable CountDownLatch gate;

	private volatile @Nullable String failMarker;

	private volatile RuntimeException failure = new TierException("boom");

	private volatile UnaryOperator<List<Scores>> tamper = UnaryOperator.identity();

	private volatile boolean closed;

	/**
	 * Creates a tier that never truncates.
	 * @param name the name
	 * @param labels the labels
	 * @param activation the activation
	 * @param logits the logits of an input
	 */
	public FakeTier(String name, List<String> labels, Activation activation, Function<TextInput, float[]> logits) {
		this(name, labels, activation, logits, (input) -> false);
	}

	private FakeTier(String name, List<String> labels, Activation activation, Function<TextInput, float[]> logits,
			Predicate<TextInput> truncates) {
		super(name, labels, activation, 4);
		this.logits = logits;
		this.truncates = truncates;
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

	/**
	 * Returns a {@link #LABELS neg/pos} softmax tier that reads texts of the form
	 * {@code <difficulty>:<neg|pos>:<anything>}: it answers the label confidently
	 * (probability 0.998) when the difficulty is at most its skill, and hesitantly (0.55)
	 * otherwise. It marks as truncated the texts that contain {@code long}.
	 */
	public static FakeTier skilled(String name, int skill) {
		return new FakeTier(name, LABELS, Activation.SOFTMAX, (input) -> {
			String[] parts = input.text().split(":", 3);
			float margin = (Integer.parseInt(parts[0]) <= skill) ? 6.2f : 0.2f;
			return parts[1].equals("pos") ? new float[] { 0, margin } : new float[] { margin, 0 };
		}, (input) -> input.text().contains("long"));
	}

	@Override
	public int maxInputTokens() {
		return 512;
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs) {
		this.threads.add(Thread.currentThread().getName());
		this.batches.add(List.copyOf(inputs));
		this.started.release();
		CountDownLatch gate = this.gate;
		if (gate != null) {
			try {
				assertThat(gate.await(30, TimeUnit.SECONDS)).as("gate released").isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TierException("interrupted", ex);
			}
		}
		String marker = this.failMarker;
		if (marker != null && inputs.stream().anyMatch((input) -> input.text().contains(marker))) {
			throw this.failure;
		}
		List<Scores> scores = new ArrayList<>(inputs.size());
		for (TextInput input : inputs) {
			scores.add(new Scores(logits(input), this.truncates.test(input)));
		}
		return this.tamper.apply(scores);
	}

	@Override
	public void close() {
		this.closed = true;
	}

	/** Returns whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed;
	}

	/** Returns the logits this tier gives an input, without recording a call. */
	public float[] logits(TextInput input) {
		return this.logits.apply(input);
	}

	/** Makes calls wait until {@link #release()}. */
	public void block() {
		this.gate = new CountDownLatch(1);
	}

	/** Lets waiting and future calls go on. */
	public void release() {
		CountDownLatch gate = this.gate;
		this.gate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	/**
	 * Makes calls with an input whose text contains {@code marker} throw {@code failure}.
	 */
	public void failOn(String marker, RuntimeException failure) {
		this.failure = failure;
		this.failMarker = marker;
	}

	/**
	 * Makes calls return the well-formed scores of a batch passed through {@code tamper},
	 * so that the tier can break its contract.
	 */
	public void tamper(UnaryOperator<List<Scores>> tamper) {
		this.tamper = tamper;
	}

	/** Waits until the given number of calls more have started. */
	public void awaitCalls(int calls) throws InterruptedException {
		assertThat(this.started.tryAcquire(calls, 30, TimeUnit.SECONDS)).as("tier %s called", name()).isTrue();
	}

	/** Returns every batch classified so far, in call order. */
	public List<List<TextInput>> batches() {
		return List.copyOf(this.batches);
	}

	/** Returns every input classified so far, in call order. */
	public List<TextInput> classified() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

	/** Returns the text of every input classified so far, in call order. */
	public List<String> texts() {
		return classified().stream().map(TextInput::text).toList();
	}

	/** Returns the names of the threads that called {@link #classify(List)}. */
	public Set<String> threads() {
		return Set.copyOf(this.threads);
	}

}
