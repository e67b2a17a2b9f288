package dev.tango.bench.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.train.fit.HeldOutSplit;

/**
 * A stratified, seeded split of a labelled data set into a part to fit on and a held-out
 * part, as {@link HeldOutSplit#stratified} defines it: the same data, fraction and seed
 * always give the same parts, and each label keeps its share in both. Rows keep their
 * file order within each part.
 *
 * @param fit the rows to fit on
 * @param holdout the held-out rows
 */
public record DatasetSplit(LabelledDataset fit, LabelledDataset holdout) {

	public DatasetSplit {
		Objects.requireNonNull(fit, "fit");
		Objects.requireNonNull(holdout, "holdout");
	}

	/**
	 * Splits a data set.
	 * @param data the data set
	 * @param fraction the share of each label's rows to hold out, in {@code (0, 1)}
	 * @param seed the seed
	 * @return the two parts, named {@code name[fit …]} and {@code name[holdout …]}, with
	 * digests derived from the data set's digest, the fraction and the seed
	 * @throws IllegalArgumentException if the data set has fewer than 2 rows, or every
	 * label a single one
	 */
	public static DatasetSplit of(LabelledDataset data, double fraction, long seed) {
		if (data.size() < 2) {
			throw new IllegalArgumentException(
					data.name() + " has " + data.size() + " rows: a split needs at least 2, one on each side");
		}
		HeldOutSplit split = HeldOutSplit.stratified(data.labelIndices(), data.labels().size(), fraction, seed);
		if (split.heldOut().length == 0) {
			// a label keeps at least one row to fit on, and gives one to hold out from
			// two rows
			throw new IllegalArgumentException(data.name() + ": every label has a single row, so none can be held "
					+ "out: give at least two rows of some label");
		}
		String how = String.format(Locale.ROOT, " %s, seed %d", fraction, seed);
		return new DatasetSplit(part(data, split.train(), "fit" + how), part(data, split.heldOut(), "holdout" + how));
	}

	private static LabelledDataset part(LabelledDataset data, int[] rows, String description) {
		List<LabelledExample> examples = new ArrayList<>(rows.length);
		for (int row : rows) {
			examples.add(data.examples().get(row));
		}
		Set<String> present = new HashSet<>();
		examples.forEach((example) -> present.add(example.label()));
		List<String> labels = data.labels().stream().filter(present::contains).toList();
		return new LabelledDataset(data.name() + "[" + description + "]",
				Sha256.ofUtf8(data.sha256() + "[" + description + "]"), examples, labels);
	}

}
