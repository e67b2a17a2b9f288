package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which labelled rows choose a calibration's thresholds, and which report on them. Made
 * by a {@link Validation}.
 */
public sealed interface Partition permits Partition.Folds, Partition.Split {

	/**
	 * Returns the rows the thresholds are chosen on.
	 * @return row indices, increasing
	 */
	int[] choosing();

	/**
	 * Returns how many rows the held-out figures are measured on.
	 * @return the count
	 */
	int reportedRows();

	/**
	 * Describes the method, for people.
	 * @return a phrase such as {@code 10-fold cross-fitting}
	 */
	String describe();

	/**
	 * Thresholds chosen on every row, reported by cross-fitting.
	 *
	 * @param folds the fold of every row, in {@code [0, count)}
	 * @param count the number of folds
	 */
	record Folds(int[] folds, int count) implements Partition {

		public Folds {
			folds = folds.clone();
		}

		@Override
		public int[] folds() {
			return this.folds.clone();
		}

		@Override
		public int[] choosing() {
			return IntStream.range(0, this.folds.length).toArray();
		}

		@Override
		public int reportedRows() {
			return this.folds.length;
		}

		@Override
		public String describe() {
			return this.count + "-fold cross-fitting";
		}

		/**
		 * Returns the rows outside one fold.
		 * @param fold the fold
		 * @return row indices, increasing
		 */
		public int[] without(int fold) {
			return IntStream.range(0, this.folds.length).filter((i) -> this.folds[i] != fold).toArray();
		}

	}

	/**
	 * Thresholds chosen on one part, reported on the other; each label's rows shuffled by
	 * {@link StratifiedFolds#shuffledByLabel}, the first share of them chosen on, so both
	 * parts keep the labels' proportions.
	 *
	 * @param choosing the calibration part, increasing
	 * @param heldOut the held-out part, increasing
	 */
	record Split(int[] choosing, int[] heldOut) implements Partition {

		public Split {
			choosing = choosing.clone();
			heldOut = heldOut.clone();
		}

		/**
		 * Splits rows label by label.
		 * @param truth the label of each row
		 * @param fraction the share of each label's rows to choose on, in {@code (0, 1)}
		 * @param seed the seed of the shuffle
		 * @return the split; the same for the same arguments
		 */
		public static Split of(int[] truth, double fraction, long seed) {
			List<Integer> choosing = new ArrayList<>();
			List<Integer> heldOut = new ArrayList<>();
			for (int[] rows : StratifiedFolds.shuffledByLabel(truth, seed)) {
				int take = (int) Math.round(fraction * rows.length);
				for (int i = 0; i < rows.length; i++) {
					((i < take) ? choosing : heldOut).add(rows[i]);
				}
			}
			return new Split(choosing.stream().mapToInt(Integer::intValue).sorted().toArray(),
					heldOut.stream().mapToInt(Integer::intValue).sorted().toArray());
		}

		@Override
		public int[] choosing() {
			return this.choosing.clone();
		}

		@Override
		public int[] heldOut() {
			return this.heldOut.clone();
		}

		@Override
		public int reportedRows() {
			return this.heldOut.length;
		}

		@Override
		public String describe() {
			return "held-out part of " + this.heldOut.length + " rows";
		}

	}

}
