package dev.tango.api.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.AbstractTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;

/**
 * A deterministic sentiment tier for tests: the logit of {@code positive} is the number
 * of times "good" occurs minus the number of times "bad" does, times a strength; inputs
 * longer than {@link #maxInputTokens()} characters are truncated first. It can be held
 * (every call waits until released) and made to fail, and it counts calls and inputs.
 */
public final class KeywordTier extends AbstractTier {

	public static final List<String> LABELS = List.of("negative", "positive");

	private final float strength;

	private final int maxChars;

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger inputs = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable CountDownLatch gate;

	private volatile @Nullable CountDownLatch entered;

	private volatile @Nullable RuntimeException failure;

	/**
	 * Creates a tier.
	 * @param name its name
	 * @param strength the logit per keyword: the larger, the more confident
	 * @param maxChars the longest input it reads whole, in characters
	 */
	public KeywordTier(String name, float strength, int maxChars) {
		super(name, LABELS, Activation.SOFTMAX, 8);
		this.strength = strength;
		this.maxChars = maxChars;
	}

	@Override
	public int maxInputTokens() {
		return this.maxChars;
	}

	@Override
	public List<Scores> classify(List<TextInput> batch) {
		if (this.closed.get()) {
			throw new TierException("Tier " + name() + " is closed");
		}
		CountDownLatch enteredLatch = this.entered;
		if (enteredLatch != null) {
			enteredLatch.countDown();
		}
		CountDownLatch held = this.gate;
		if (held != null) {
			try {
				if (!held.await(30, TimeUnit.SECONDS)) {
					throw new TierException("Tier " + name() + " was held too long");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TierException("Interrupted");
			}
		}
		RuntimeException failure = this.failure;
		if (failure != null) {
			throw failure;
		}
		this.calls.incrementAndGet();
		this.inputs.addAndGet(batch.size());
		List<Scores> scores = new ArrayList<>(batch.size());
		for (TextInput input : batch) {
			String text = input.text() + ((input.pair() != null) ? " " + input.pair() : "");
			boolean truncated = text.length() > this.maxChars;
			String read = (truncated ? text.substring(0, this.maxChars) : text).toLowerCase(Locale.ROOT);
			float score = (count(read, "good") - count(read, "bad")) * this.strength;
			scores.add(new Scores(new float[] { -score / 2, score / 2 }, truncated));
		}
		return scores;
	}

	private static int count(String text, String word) {
		int count = 0;
		for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
			count++;
		}
		return count;
	}

	/**
	 * Makes every call wait until {@link #release()}.
	 * @return a latch counted down whenever a call starts
	 */
	public CountDownLatch hold() {
		CountDownLatch started = new CountDownLatch(1);
		this.entered = started;
		this.gate = new CountDownLatch(1);
		return started;
	}

	/** Lets held and later calls run. */
	public void release() {
		CountDownLatch held = this.gate;
		this.gate = null;
		if (held != null) {
			held.countDown();
		}
	}

	/**
	 * Makes calls fail, or not.
	 * @param failing whether calls fail
	 */
	public void failing(boolean failing) {
		failing(failing ? new TierException("Tier " + name() + " failed on purpose") : null);
	}

	/**
	 * Makes calls fail with an exception, or not.
	 * @param failure what calls throw, or {@code null} for calls that succeed
	 */
	public void failing(@Nullable RuntimeException failure) {
		this.failure = failure;
	}

	/** Calls that returned. */
	public int calls() {
		return this.calls.get();
	}

	/** Inputs classified by calls that returned. */
	public int inputs() {
		return this.inputs.get();
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public void close() {
		this.closed.set(true);
	}

}
