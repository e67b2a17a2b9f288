package dev.tango.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.io.InputFiles;

/**
 * A labelled text data set, read from a file by {@link LabelledDataReader}: TSV, or CSV
 * when the file name ends in {@code .csv}, or JSON lines when it ends in {@code .jsonl}
 * or {@code .ndjson}. Errors name the file and the line where the offending row starts.
 *
 * @param name a name for provenance, such as the file's path
 * @param sha256 the SHA-256 of the file's bytes, or for a {@link #slice subset} a digest
 * of the parent's digest and the range
 * @param examples the rows in file order
 * @param labels the distinct labels, sorted: numerically if all are integers, else
 * lexicographically
 */
public record LabelledDataset(String name, String sha256, List<LabelledExample> examples, List<String> labels) {

	public LabelledDataset {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(sha256, "sha256");
		examples = List.copyOf(examples);
		labels = List.copyOf(labels);
	}

	/**
	 * Reads a data file.
	 * @param file the file
	 * @return the data set, named by the file's path
	 * @throws DatasetFormatException if the file is malformed; its message starts with
	 * {@code path:line:}
	 * @throws IOException if the file cannot be read
	 */
	public static LabelledDataset read(Path file) throws IOException {
		byte[] content = InputFiles.readAllBytes(file);
		String source = file.toString();
		DatasetFormat format = DatasetFormat.fromFileName(file.getFileName().toString()).orElse(DatasetFormat.TSV);
		List<DatasetRow> rows;
		try {
			rows = LabelledDataReader.read(content, format);
		}
		catch (DatasetFormatException ex) {
			throw ex.in(source);
		}
		List<LabelledExample> examples = rows.stream()
			.map((row) -> new LabelledExample(row.input(), row.label(), row.line()))
			.toList();
		return new LabelledDataset(source, Sha256.of(content), examples, labelsOf(examples));
	}

	/**
	 * Sorts labels numerically if all are integers, else lexicographically.
	 * @param labels the labels, possibly repeated
	 * @return the distinct labels, sorted
	 */
	public static List<String> sortedLabels(Collection<String> labels) {
		TreeSet<String> distinct = new TreeSet<>(labels);
		boolean numeric = distinct.stream().allMatch((label) -> label.matches("-?\\d{1,18}"));
		Comparator<String> order = numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
		return distinct.stream().sorted(order).toList();
	}

	private static List<String> labelsOf(List<LabelledExample> examples) {
		return sortedLabels(examples.stream().map(LabelledExample::label).toList());
	}

	/**
	 * Returns a subset: rows {@code [from, to)} in file order, with the same label list
	 * order restricted to the labels present.
	 * @param from the first row, 0-based
	 * @param to one past the last row
	 * @return the subset, named {@code name[from:to]}
	 */
	public LabelledDataset slice(int from, int to) {
		List<LabelledExample> rows = this.examples.subList(from, to);
		return new LabelledDataset(this.name + "[" + from + ":" + to + "]",
				Sha256.ofUtf8(this.sha256 + "[" + from + ":" + to + "]"), rows, labelsOf(rows));
	}

	/**
	 * Returns the number of rows.
	 * @return the count
	 */
	public int size() {
		return this.examples.size();
	}

	/**
	 * Returns the inputs in row order.
	 * @return the inputs
	 */
	public List<TextInput> inputs() {
		return this.examples.stream().map(LabelledExample::input).toList();
	}

	/**
	 * Returns each row's label as an index into {@link #labels()}.
	 * @return the indices
	 */
	public int[] labelIndices() {
		return labelIndices(this.labels, -1);
	}

	/**
	 * Returns each row's label as an index into a list of labels, such as a model's
	 * output order.
	 * @param labels the labels to index into
	 * @param unknown the index given to a row whose label is not in {@code labels}
	 * @return the indices, in row order
	 */
	public int[] labelIndices(List<String> labels, int unknown) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			index.put(labels.get(i), i);
		}
		int[] result = new int[this.examples.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = index.getOrDefault(this.examples.get(i).label(), unknown);
		}
		return result;
	}

}
