package dev.tango.core.calibration;

import dev.tango.core.settings.InvalidSettingException;

/**
 * How a calibration reports on rows its choice of thresholds did not see: by
 * cross-fitting over every row, or on a held-out part set aside before choosing.
 */
public sealed interface Validation permits Validation.CrossFitted, Validation.HeldOutPart {

	/** The default number of folds of the cross-fitting. */
	int DEFAULT_FOLDS = 10;

	/**
	 * Splits labelled rows as this validation says.
	 * @param truth the true label of each row
	 * @param seed the seed of the folds or of the split
	 * @return the partition; the same for the same arguments
	 * @throws IllegalArgumentException if there are too few rows for it
	 */
	Partition partition(int[] truth, long seed);

	/**
	 * Thresholds chosen on every row; the held-out figures cross-fitted over folds drawn
	 * label by label ({@link StratifiedFolds}, {@link CrossFitting}).
	 *
	 * @param folds the number of folds, 2 to 100
	 */
	record CrossFitted(int folds) implements Validation {

		public CrossFitted {
			if (folds < 2 || folds > 100) {
				throw new IllegalArgumentException("folds must be 2 to 100, was " + folds);
			}
		}

		@Override
		public Partition partition(int[] truth, long seed) {
			if (truth.length < this.folds) {
				throw new IllegalArgumentException(truth.length + " rows: " + this.folds
						+ "-fold cross-fitting needs at least " + this.folds + ", one per fold; ask for fewer folds");
			}
			return new Partition.Folds(StratifiedFolds.assign(truth, this.folds, seed), this.folds);
		}

	}

	/**
	 * Thresholds chosen on a share of each label's rows; the held-out figures measured on
	 * the rest.
	 *
	 * @param calibrationFraction the share of rows chosen on, in {@code (0, 1)}
	 */
	record HeldOutPart(double calibrationFraction) implements Validation {

		public HeldOutPart {
			InvalidSettingException.require(calibrationFraction > 0 && calibrationFraction < 1, "calibrationFraction",
					"must lie in (0, 1)", calibrationFraction);
		}

		@Override
		public Partition partition(int[] truth, long seed) {
			Partition.Split split = Partition.Split.of(truth, this.calibrationFraction, seed);
			if (split.choosing().length < 2 || split.heldOut().length < 2) {
				throw new IllegalArgumentException("Splitting " + truth.length + " rows at " + this.calibrationFraction
						+ " leaves " + split.choosing().length + " rows to calibrate on and " + split.heldOut().length
						+ " to report on; each part needs at least 2");
			}
			return split;
		}

	}

}
