package dev.tango.admin.fitting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tango.admin.dataset.Dataset;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeldOutSplit;
import dev.tango.train.fit.LexicalRows;

/**
 * What the jobs that fit a linear head on labelled rows (fit-head, distil) check from the
 * rows' label counts and the labels of the head, before they are queued and again before
 * the work they would fail in, so that neither is accepted only to fail later:
 * <ul>
 * <li>rows to hold out: the fitter holds out a share of each label's rows to choose the
 * L2 strength on, as {@link HeldOutSplit} deals them, one at least of each label that has
 * two rows; with no label of two rows there is nothing to hold out;</li>
 * <li>the size of a lexical head: it is dense, a float for every label and every one of
 * the {@code 2^bucketBits} hashed buckets of {@link LexicalSpec#defaults()}
 * ({@code 2^18}: 1 MiB per label), and may take at most a quarter of the heap this JVM
 * may use ({@link Runtime#maxMemory()}). A quarter, because the job holds the head twice
 * at its end (the head fitted, and the copy read back to verify the file before it is
 * registered) beside the fit's own state (the compact weights of the buckets that occur
 * and the optimiser's vectors) and whatever else the instance runs: past it, the job
 * would run out of memory, at best after minutes of fitting. Every serving instance loads
 * the head whole too.</li>
 * </ul>
 */
public final class HeadChecks {

	private static final long MIB = 1L << 20;

	private HeadChecks() {
	}

	/**
	 * Checks that the fitter can hold rows out of some labelled rows, from their label
	 * counts.
	 * @param name the rows' name, as the fitter names them ({@link Dataset#labelledName})
	 * @param counts their labels with their counts
	 * @throws IllegalArgumentException if no label has rows enough to hold one out
	 */
	public static void requireRowsToHoldOut(String name, List<Dataset.LabelCount> counts) {
		double share = FitSettings.defaults().heldOutFraction();
		int heldOut = counts.stream().mapToInt((count) -> HeldOutSplit.heldOutCount(count.rows(), share)).sum();
		if (heldOut == 0) {
			throw new IllegalArgumentException("Data set " + name + " is too small to hold rows out: " + share
					+ " of each label's rows is held out to choose the L2 strength on, and one at least of a label "
					+ "with two rows or more, but no label has two: " + Dataset.LabelCount.listed(counts)
					+ "; add rows");
		}
	}

	/**
	 * Checks that the fitter can hold rows out of labelled rows already read.
	 * @param data the rows
	 * @throws IllegalArgumentException if no label has rows enough to hold one out
	 */
	public static void requireRowsToHoldOut(LabelledDataset data) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		data.labels().forEach((label) -> counts.put(label, 0));
		for (LabelledExample example : data.examples()) {
			counts.merge(example.label(), 1, Integer::sum);
		}
		requireRowsToHoldOut(data.name(),
				counts.entrySet().stream().map((e) -> new Dataset.LabelCount(e.getKey(), e.getValue())).toList());
	}

	/**
	 * Checks that a lexical head of the default features over some labels fits in a
	 * quarter of this JVM's maximum heap.
	 * @param labels how many labels the head has
	 * @param whose whose labels they are, for the message, such as
	 * {@code the labels of data set 'x'}
	 * @param remedy what to do instead, for the message
	 * @throws IllegalArgumentException if it is larger
	 */
	public static void requireLexicalHeadFits(int labels, String whose, String remedy) {
		requireLexicalHeadFits(labels, whose, remedy, Runtime.getRuntime().maxMemory());
	}

	static void requireLexicalHeadFits(int labels, String whose, String remedy, long maxHeap) {
		int bits = LexicalSpec.defaults().bucketBits();
		long buckets = LexicalSpec.defaults().buckets();
		long perLabel = LexicalRows.headBytes(LexicalSpec.defaults(), 1);
		long bound = maxHeap / LexicalRows.HEAP_SHARE;
		long bytes = LexicalRows.headBytes(LexicalSpec.defaults(), labels);
		if (!LexicalRows.fits(LexicalSpec.defaults(), labels, maxHeap)) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
					"A lexical head for the %d %s would take %d labels × %,d buckets (2^%d) × 4 bytes = %s, more than "
							+ "a quarter of this instance's maximum heap (%s of %s), the most one head may take (the "
							+ "job holds it twice, fitted and read back to be verified, beside the fit's own state): "
							+ "at most %,d labels fit. %s, or give the admin a larger heap (-Xmx)",
					labels, whose, labels, buckets, bits, size(bytes), size(bound), size(maxHeap), bound / perLabel,
					remedy));
		}
	}

	/** A size in whole MiB (a label of a head at the default bucket bits is one). */
	private static String size(long bytes) {
		return String.format(Locale.ROOT, "%,d MiB", bytes / MIB);
	}

}
