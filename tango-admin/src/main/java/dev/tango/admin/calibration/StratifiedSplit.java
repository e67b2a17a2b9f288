package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.List;

import dev.tango.core.calibration.StratifiedFolds;

/**
 * A seeded split of labelled rows into a calibration part and a held-out part, label by
 * label, so that both parts keep the labels' proportions: of each label's rows, shuffled
 * by {@link StratifiedFolds#shuffledByLabel}, the first share goes to calibration.
 *
 * @param calibration the positions of the calibration part, increasing
 * @param heldOut the positions of the held-out part, increasing
 */
record StratifiedSplit(int[] calibration, int[] heldOut) {

	/**
	 * Splits rows.
	 * @param truth the label of each row
	 * @param fraction the share of each label's rows for calibration, in {@code (0, 1)}
	 * @param seed the seed of the shuffle
	 * @return the split; the same for the same arguments
	 */
	static StratifiedSplit of(int[] truth, double fraction, long seed) {
		List<Integer> calibration = new ArrayList<>();
		List<Integer> heldOut = new ArrayList<>();
		for (int[] rows : StratifiedFolds.shuffledByLabel(truth, seed)) {
			int take = (int) Math.round(fraction * rows.length);
			for (int i = 0; i < rows.length; i++) {
				((i < take) ? calibration : heldOut).add(rows[i]);
			}
		}
		int[] calibrationRows = calibration.stream().mapToInt(Integer::intValue).sorted().toArray();
		int[] heldOutRows = heldOut.stream().mapToInt(Integer::intValue).sorted().toArray();
		return new StratifiedSplit(calibrationRows, heldOutRows);
	}

}
