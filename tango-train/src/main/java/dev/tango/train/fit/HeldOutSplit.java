package dev.tango.train.fit;

import java.util.Arrays;

import dev.tango.core.calibration.StratifiedFolds;
import dev.tango.core.settings.InvalidSettingException;

/**
 * A stratified, seeded split of rows into a training part and a held-out part.
 *
 * <p>
 * For each class, its rows (in row order) are shuffled with a Fisher–Yates shuffle driven
 * by {@code new SplittableRandom(seed)} (one generator, classes in increasing order, as
 * {@link StratifiedFolds#shuffledByLabel} shuffles them), and the first
 * {@code round(fraction × count)} go to the held-out part, but at least one when the
 * class has two rows or more and never all of them. Both parts list rows in increasing
 * order. The same labels, fraction and seed always give the same split.
 *
 * @param train the rows to fit on
 * @param heldOut the rows to evaluate on
 */
public record HeldOutSplit(int[] train, int[] heldOut) {

	/**
	 * Splits rows.
	 * @param labels each row's class in {@code [0, classes)}
	 * @param classes the number of classes
	 * @param fraction the share of each class to hold out, in {@code (0, 1)}
	 * @param seed the seed
	 * @return the split
	 */
	public static HeldOutSplit stratified(int[] labels, int classes, double fraction, long seed) {
		InvalidSettingException.require(fraction > 0 && fraction < 1, "heldOutFraction", "must lie in (0, 1)",
				fraction);
		for (int label : labels) {
			if (label < 0 || label >= classes) {
				throw new IllegalArgumentException("Label " + label + " is not in [0, " + classes + ")");
			}
		}
		boolean[] held = new boolean[labels.length];
		for (int[] shuffled : StratifiedFolds.shuffledByLabel(labels, seed)) {
			int count = heldOutCount(shuffled.length, fraction);
			for (int i = 0; i < count; i++) {
				held[shuffled[i]] = true;
			}
		}
		int heldCount = 0;
		for (boolean h : held) {
			heldCount += h ? 1 : 0;
		}
		int[] train = new int[labels.length - heldCount];
		int[] heldOut = new int[heldCount];
		int t = 0;
		int h = 0;
		for (int i = 0; i < labels.length; i++) {
			if (held[i]) {
				heldOut[h++] = i;
			}
			else {
				train[t++] = i;
			}
		}
		return new HeldOutSplit(train, heldOut);
	}

	/**
	 * Returns how many rows of a class {@link #stratified} holds out: the fraction of
	 * them, rounded, but at least one and never all, and none of a class of one row.
	 * @param classRows the class's rows
	 * @param fraction the share to hold out, in {@code (0, 1)}
	 * @return the rows held out
	 */
	public static int heldOutCount(int classRows, double fraction) {
		if (classRows < 2) {
			return 0;
		}
		return Math.max(1, Math.min((int) Math.round(fraction * classRows), classRows - 1));
	}

	/**
	 * Returns the labels of the given rows.
	 * @param labels all labels
	 * @param rows row indices
	 * @return the selected labels
	 */
	public static int[] select(int[] labels, int[] rows) {
		return Arrays.stream(rows).map((row) -> labels[row]).toArray();
	}

}
