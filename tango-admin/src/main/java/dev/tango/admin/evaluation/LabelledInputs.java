package dev.tango.admin.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.tango.runtime.data.DatasetRow;
import dev.tango.admin.job.JobFailedException;
import dev.tango.core.tier.TextInput;

/**
 * Rows of a data set as a cascade sees them: inputs, and true labels as indices into the
 * cascade's labels.
 *
 * @param inputs the inputs
 * @param truth the true label index of each input, into {@code labels}
 * @param lines the file line of each input, for messages
 * @param labels the cascade's labels
 */
public record LabelledInputs(List<TextInput> inputs, int[] truth, long[] lines, List<String> labels) {

	public LabelledInputs {
		inputs = List.copyOf(inputs);
		labels = List.copyOf(labels);
	}

	/**
	 * Maps data set rows onto a cascade's labels.
	 * @param rows the rows
	 * @param labels the cascade's labels
	 * @return the inputs
	 * @throws JobFailedException if a row's label is not one of the cascade's
	 */
	public static LabelledInputs of(List<DatasetRow> rows, List<String> labels) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			index.put(labels.get(i), i);
		}
		TreeSet<String> unknown = new TreeSet<>();
		List<TextInput> inputs = new ArrayList<>(rows.size());
		int[] truth = new int[rows.size()];
		long[] lines = new long[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			DatasetRow row = rows.get(i);
			Integer label = index.get(row.label());
			if (label == null) {
				unknown.add(row.label());
				continue;
			}
			inputs.add(row.input());
			truth[i] = label;
			lines[i] = row.line();
		}
		if (!unknown.isEmpty()) {
			throw new JobFailedException(
					"The data set has labels the cascade does not know: " + unknown + "; its labels are " + labels);
		}
		return new LabelledInputs(inputs, truth, lines, labels);
	}

	/**
	 * Returns the number of inputs.
	 * @return the count
	 */
	public int size() {
		return this.inputs.size();
	}

	/**
	 * Returns the inputs at the given positions, in that order.
	 * @param positions indices into this
	 * @return the subset
	 */
	public LabelledInputs select(int[] positions) {
		List<TextInput> selected = new ArrayList<>(positions.length);
		int[] selectedTruth = new int[positions.length];
		long[] selectedLines = new long[positions.length];
		for (int i = 0; i < positions.length; i++) {
			selected.add(this.inputs.get(positions[i]));
			selectedTruth[i] = this.truth[positions[i]];
			selectedLines[i] = this.lines[positions[i]];
		}
		return new LabelledInputs(selected, selectedTruth, selectedLines, this.labels);
	}

	/**
	 * Returns how many distinct labels the inputs carry.
	 * @return the count
	 */
	public int distinctLabels() {
		return (int) java.util.Arrays.stream(this.truth).distinct().count();
	}

}
