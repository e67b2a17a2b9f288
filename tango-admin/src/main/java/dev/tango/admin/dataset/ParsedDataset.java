package dev.tango.admin.dataset;

import java.util.List;
import java.util.Map;

/**
 * A data set file that passed every check, ready to store.
 *
 * @param rows the rows in file order, at least one
 * @param labels the distinct labels, sorted: numerically if all are integers, else
 * lexicographically; at least two
 * @param counts the number of rows of each label
 * @param hasPairs whether some row has a second text
 * @param hasSplits whether some row names a split
 */
record ParsedDataset(List<DatasetRow> rows, List<String> labels, Map<String, Integer> counts, boolean hasPairs,
		boolean hasSplits) {

	ParsedDataset {
		rows = List.copyOf(rows);
		labels = List.copyOf(labels);
		counts = Map.copyOf(counts);
	}

}
