package dev.tango.admin.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded split of labelled rows into a calibration part and a held-out part, label by
 * label, so that both parts keep the labels' proportions.
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
		TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
		for (int i = 0; i < truth.length; i++) {
			byLabel.computeIfAbsent(truth[i], (label) -> new ArrayList<>()).add(i);
		}
		SplittableRandom random = new SplittableRandom(seed);
		List<Integer> calibration = new ArrayList<>();
		List<Integer> heldOut = new ArrayList<>();
		for (List<Integer> rows : byLabel.values()) {
			for (int i = rows.size() - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				Integer swap = rows.get(i);
				rows.set(i, rows.get(j));
				rows.set(j, swap);
			}
			int take = (int) Math.round(fraction * rows.size());
			calibration.addAll(rows.subList(0, take));
			heldOut.addAll(rows.subList(take, rows.size()));
		}
		int[] calibrationRows = calibration.stream().mapToInt(Integer::intValue).toArray();
		int[] heldOutRows = heldOut.stream().mapToInt(Integer::intValue).toArray();
		Arrays.sort(calibrationRows);
		Arrays.sort(heldOutRows);
		return new StratifiedSplit(calibrationRows, heldOutRows);
	}

}
