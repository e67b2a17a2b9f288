package dev.tango.train.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.tango.core.settings.InvalidSettingException;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.lexical.LexicalFeaturizer;
import dev.tango.runtime.lexical.SparseVector;

/**
 * The hashed lexical features of some texts, as fitted: only the buckets that occur in
 * them are columns (the others would stay exactly zero), and a fitted model is expanded
 * back to all buckets to make the head the lexical tier serves.
 */
public final class LexicalRows {

	private final LexicalSpec spec;

	private final int[] used;

	private final SparseRows rows;

	private LexicalRows(LexicalSpec spec, int[] used, SparseRows rows) {
		this.spec = spec;
		this.used = used;
		this.rows = rows;
	}

	/**
	 * One in this many bytes of the maximum heap may go to one lexical head: fitting
	 * holds it twice (fitted, then read back to be verified where it is registered)
	 * beside the fit's own state, and every serving instance loads it whole.
	 */
	public static final int HEAP_SHARE = 4;

	/**
	 * Returns the size of the weights of a lexical head.
	 * @param spec the feature settings
	 * @param labels the head's labels
	 * @return labels times buckets times 4 bytes
	 */
	public static long headBytes(LexicalSpec spec, int labels) {
		return headBytes(labels, spec.bucketBits());
	}

	private static long headBytes(int labels, int bucketBits) {
		return ((long) labels << bucketBits) * Float.BYTES;
	}

	/**
	 * Returns whether a lexical head takes at most {@link #HEAP_SHARE one part} of a
	 * heap.
	 * @param spec the feature settings
	 * @param labels the head's labels
	 * @param maxHeap the heap's maximum size, in bytes
	 * @return whether {@link #headBytes} is within {@code maxHeap / HEAP_SHARE}
	 */
	public static boolean fits(LexicalSpec spec, int labels, long maxHeap) {
		return headBytes(spec, labels) <= maxHeap / HEAP_SHARE;
	}

	/**
	 * Refuses features whose head would take more than {@link #HEAP_SHARE one part} of
	 * this JVM's maximum heap, before any work is done for it.
	 * @param spec the feature settings
	 * @param labels the head's labels
	 * @throws InvalidSettingException naming {@code bucketBits} and the most it may be
	 */
	public static void requireHeadFits(LexicalSpec spec, int labels) {
		requireHeadFits(spec, labels, Runtime.getRuntime().maxMemory());
	}

	static void requireHeadFits(LexicalSpec spec, int labels, long maxHeap) {
		long bound = maxHeap / HEAP_SHARE;
		long bytes = headBytes(spec, labels);
		int most = spec.bucketBits();
		while (most > 0 && headBytes(labels, most) > bound) {
			most--;
		}
		InvalidSettingException.require(fits(spec, labels, maxHeap), "bucketBits", String.format(Locale.ROOT,
				"must be at most %d for %d labels on this heap (a head of %d labels x 2^%d buckets x 4 bytes takes "
						+ "%,d MiB, more than a quarter of this JVM's maximum heap, %,d MiB of %,d MiB; or give Java a "
						+ "larger heap with -Xmx)",
				most, labels, labels, spec.bucketBits(), bytes >> 20, bound >> 20, maxHeap >> 20), spec.bucketBits());
	}

	/**
	 * Computes the features of texts.
	 * @param spec the feature settings
	 * @param inputs the texts
	 * @return their features
	 */
	public static LexicalRows of(LexicalSpec spec, List<TextInput> inputs) {
		Objects.requireNonNull(spec, "spec");
		LexicalFeaturizer featurizer = new LexicalFeaturizer(spec);
		List<SparseVector> vectors = inputs.stream().map(featurizer::features).toList();
		int[] used = vectors.stream().flatMapToInt((v) -> Arrays.stream(v.indices())).distinct().sorted().toArray();
		int[] compact = new int[spec.buckets()];
		Arrays.fill(compact, -1);
		for (int k = 0; k < used.length; k++) {
			compact[used[k]] = k;
		}
		List<SparseVector> remapped = vectors.stream().map((v) -> {
			int[] indices = new int[v.size()];
			for (int k = 0; k < indices.length; k++) {
				indices[k] = compact[v.indices()[k]];
			}
			return new SparseVector(indices, v.values());
		}).toList();
		return new LexicalRows(spec, used, new SparseRows(remapped, Math.max(1, used.length)));
	}

	/**
	 * Returns the rows to fit on, one per text, over the buckets that occur.
	 * @return the rows
	 */
	public SparseRows rows() {
		return this.rows;
	}

	/**
	 * Returns the feature settings.
	 * @return the settings
	 */
	public LexicalSpec spec() {
		return this.spec;
	}

	/**
	 * Expands a model fitted on {@link #rows()} to a head over all buckets.
	 * @param labels the labels, one per class of the model
	 * @param model the model
	 * @return the head
	 */
	public LinearHead head(List<String> labels, SoftmaxRegression.Model model) {
		float[][] compactWeights = model.weights();
		float[][] weights = new float[compactWeights.length][this.spec.buckets()];
		for (int c = 0; c < weights.length; c++) {
			for (int k = 0; k < this.used.length; k++) {
				weights[c][this.used[k]] = compactWeights[c][k];
			}
		}
		return new LinearHead(labels, weights, model.bias());
	}

}
