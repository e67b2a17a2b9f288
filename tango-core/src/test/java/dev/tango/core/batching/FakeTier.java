package dev.tango.core.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tier for tests: deterministic logits from the text, a record of every batch and of
 * the threads that called it, an optional gate that holds calls until released, and
 * failures on demand.
 */
final class FakeTier implements Tier {

	static final List<String> LABELS = List.of("neg", "pos");

	private final String name;

	private final Function<TextInput, float[]> logits;

	private final List<List<String>> batches = new CopyOnWriteArrayList<>();

	private final Set<String> threads = ConcurrentHashMap.newKeySet();

	private final Semaphore started = new Semaphore(0);

	private volatile @Nullable CountDownLatch gate;

	private volatile @Nullable String failMarker;

	private volatile RuntimeException failure = new TierException("boom");

	private volatile boolean closed;

	private FakeTier(String name, Function<TextInput, float[]> logits) {
		this.name = name;
		this.logits = logits;
	}

	/**
	 * A tier that reads texts of the form {@code <difficulty>:<neg|pos>:<anything>}: it
	 * answers the label confidently (probability 0.998) when the difficulty is at most
	 * its skill, and hesitantly (0.55) otherwise.
	 */
	static FakeTier skilled(String name, int skill) {
		return new FakeTier(name, (input) -> {
			String[] parts = input.text().split(":", 3);
			float margin = (Integer.parseInt(parts[0]) <= skill) ? 6.2f : 0.2f;
			return parts[1].equals("pos") ? new float[] { 0, margin } : new float[] { margin, 0 };
		});
	}

	/**
	 * A tier whose logits are a hash of its name and the text: varied, deterministic
	 * confidences.
	 */
	static FakeTier hashed(String name) {
		return new FakeTier(name, (input) -> {
			int hash = (name + "/" + input.text()).hashCode();
			return new float[] { (hash & 0xff) / 64f, ((hash >>> 8) & 0xff) / 64f };
		});
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public List<String> labels() {
		return LABELS;
	}

	@Override
	public int preferredBatchSize() {
		return 8;
	}

	@Override
	public int maxInputTokens() {
		return 512;
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs) {
		this.threads.add(Thread.currentThread().getName());
		this.batches.add(inputs.stream().map(TextInput::text).toList());
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
			scores.add(new Scores(this.logits.apply(input), input.text().contains("long")));
		}
		return scores;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** The logits this tier gives an input, computed directly. */
	float[] logitsOf(TextInput input) {
		return this.logits.apply(input);
	}

	/** Makes calls wait until {@link #release()}. */
	void block() {
		this.gate = new CountDownLatch(1);
	}

	/** Lets waiting and future calls go on. */
	void release() {
		CountDownLatch gate = this.gate;
		this.gate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	/** Makes calls with an input containing {@code marker} throw {@code failure}. */
	void failOn(String marker, RuntimeException failure) {
		this.failure = failure;
		this.failMarker = marker;
	}

	/** Waits until the given number of calls more have started. */
	void awaitCalls(int calls) throws InterruptedException {
		assertThat(this.started.tryAcquire(calls, 30, TimeUnit.SECONDS)).as("tier %s called", this.name).isTrue();
	}

	/** The texts of every batch so far, in call order. */
	List<List<String>> batches() {
		return List.copyOf(this.batches);
	}

	/** Every text classified so far. */
	List<String> texts() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

	/** The names of the threads that called {@link #classify(List)}. */
	Set<String> threads() {
		return Set.copyOf(this.threads);
	}

}
