package dev.tango.admin.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetFormatException;
import dev.tango.runtime.data.DatasetRow;
import dev.tango.runtime.data.LabelledDataReader;
import dev.tango.runtime.data.LabelledDataset;

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

	/**
	 * Reads an upload with {@link LabelledDataReader} and checks that it is a labelled
	 * data set: at least one row and two labels.
	 * @param content the file's bytes
	 * @param format its format
	 * @return the checked rows and labels
	 * @throws DatasetRejectedException if the file is not acceptable, naming the line at
	 * fault
	 */
	static ParsedDataset parse(byte[] content, DatasetFormat format) {
		List<DatasetRow> rows;
		try {
			rows = LabelledDataReader.read(content, format);
		}
		catch (DatasetFormatException ex) {
			throw new DatasetRejectedException(ex.line(), ex.reason());
		}
		if (rows.isEmpty()) {
			throw new DatasetRejectedException(null, "the file has no data rows");
		}
		Map<String, Integer> counts = new HashMap<>();
		boolean pairs = false;
		boolean splits = false;
		for (DatasetRow row : rows) {
			counts.merge(row.label(), 1, Integer::sum);
			pairs |= row.pair() != null;
			splits |= row.split() != null;
		}
		if (counts.size() < 2) {
			throw new DatasetRejectedException(null, "every one of the " + rows.size() + " rows has the label '"
					+ rows.get(0).label() + "'; a labelled data set needs at least two labels");
		}
		return new ParsedDataset(rows, LabelledDataset.sortedLabels(counts.keySet()), counts, pairs, splits);
	}

}
