package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded assignments of labelled inputs to parts that keep the labels' proportions. The
 * inputs of each label, labels in increasing order, are shuffled by one seeded generator
 * (Fisher–Yates, {@link SplittableRandom}); the parts are then dealt from those orders.
 * The same arguments always give the same assignment.
 */
public final class StratifiedFolds {

	private StratifiedFolds() {
	}

	/**
	 * Returns the inputs grouped by label, each group in seeded random order.
	 * @param truth the true label of each input
	 * @param seed the seed of the shuffle
	 * @return one array of input indices per distinct label, in increasing label order
	 */
	public static List<int[]> shuffledByLabel(int[] truth, long seed) {
		TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
		for (int i = 0; i < truth.length; i++) {
			byLabel.computeIfAbsent(truth[i], (label) -> new ArrayList<>()).add(i);
		}
		SplittableRandom random = new SplittableRandom(seed);
		List<int[]> groups = new ArrayList<>(byLabel.size());
		for (List<Integer> inputs : byLabel.values()) {
			int[] group = inputs.stream().mapToInt(Integer::intValue).toArray();
			for (int i = group.length - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int swap = group[i];
				group[i] = group[j];
				group[j] = swap;
			}
			groups.add(group);
		}
		return groups;
	}

	/**
	 * Assigns every input to one of {@code folds} folds: the shuffled inputs of each
	 * label are dealt in turn, the deal going on from one label to the next, so that the
	 * folds' sizes differ by at most one, and so do each label's counts in them.
	 * @param truth the true label of each input
	 * @param folds the number of folds, at least 1
	 * @param seed the seed of the shuffle
	 * @return the fold of each input, in {@code [0, folds)}
	 */
	public static int[] assign(int[] truth, int folds, long seed) {
		if (folds < 1) {
			throw new IllegalArgumentException("folds must be at least 1, was " + folds);
		}
		int[] fold = new int[truth.length];
		int dealt = 0;
		for (int[] group : shuffledByLabel(truth, seed)) {
			for (int input : group) {
				fold[input] = dealt++ % folds;
			}
		}
		return fold;
	}

}
