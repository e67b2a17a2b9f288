package dev.tango.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A labelled text data set, read from a delimited file:
 * <ul>
 * <li>UTF-8 (malformed bytes are an error), a header row naming the columns {@code text}
 * and {@code label}, and optionally {@code pair} (the second text of a pair), in any
 * order and case; other columns are ignored;</li>
 * <li>tab-separated, or comma-separated when the file name ends in {@code .csv};</li>
 * <li>RFC 4180 quoting: a field may be quoted with {@code "}, a quote inside it doubled,
 * and a quoted field may span lines. Fields are not trimmed;</li>
 * <li>every row has a non-empty label (a text may be empty).</li>
 * </ul>
 * Errors name the file and the line where the offending row starts.
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
	 * @throws DatasetFormatException if the file is malformed
	 * @throws IOException if the file cannot be read
	 */
	public static LabelledDataset read(Path file) throws IOException {
		char delimiter = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? ',' : '\t';
		String sha256 = Sha256.of(file);
		List<LabelledExample> examples = new ArrayList<>();
		String source = file.toString();
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
			.get();
		try (InputStream in = Files.newInputStream(file);
				Reader reader = new InputStreamReader(in,
						StandardCharsets.UTF_8.newDecoder()
							.onMalformedInput(CodingErrorAction.REPORT)
							.onUnmappableCharacter(CodingErrorAction.REPORT));
				CSVParser parser = parse(reader, format, source)) {
			Map<String, Integer> columns = columns(parser.getHeaderMap(), source);
			int text = columns.get("text");
			int label = columns.get("label");
			Integer pair = columns.get("pair");
			int width = parser.getHeaderNames().size();
			long rowStart = parser.getCurrentLineNumber() + 1;
			try {
				for (CSVRecord row : parser) {
					if (row.size() != width) {
						throw new DatasetFormatException(source + ":" + rowStart + ": expected " + width
								+ " fields, found " + row.size() + " (a stray quote or tab?)");
					}
					String labelValue = row.get(label);
					if (labelValue.isBlank()) {
						throw new DatasetFormatException(source + ":" + rowStart + ": empty label");
					}
					TextInput input = (pair != null) ? TextInput.pair(row.get(text), row.get(pair))
							: TextInput.of(row.get(text));
					examples.add(new LabelledExample(input, labelValue, rowStart));
					rowStart = parser.getCurrentLineNumber() + 1;
				}
			}
			catch (UncheckedIOException ex) {
				throw new DatasetFormatException(source + ":" + rowStart + ": " + describe(ex.getCause()), ex);
			}
		}
		return new LabelledDataset(source, sha256, examples, sortedLabels(examples));
	}

	private static CSVParser parse(Reader reader, CSVFormat format, String source) throws IOException {
		try {
			return CSVParser.builder().setReader(reader).setFormat(format).get();
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			throw new DatasetFormatException(source + ":1: invalid header: " + ex.getMessage(), ex);
		}
		catch (CharacterCodingException ex) {
			throw new DatasetFormatException(source + ":1: not valid UTF-8", ex);
		}
	}

	private static String describe(IOException cause) {
		if (cause instanceof CharacterCodingException) {
			return "not valid UTF-8";
		}
		return cause.getMessage();
	}

	private static Map<String, Integer> columns(Map<String, Integer> header, String source)
			throws DatasetFormatException {
		Map<String, Integer> columns = new HashMap<>();
		for (Map.Entry<String, Integer> entry : header.entrySet()) {
			String name = entry.getKey().trim().toLowerCase(Locale.ROOT);
			if (name.equals("text") || name.equals("label") || name.equals("pair")) {
				if (columns.put(name, entry.getValue()) != null) {
					throw new DatasetFormatException(source + ":1: column '" + name + "' appears twice");
				}
			}
		}
		if (!columns.containsKey("text") || !columns.containsKey("label")) {
			throw new DatasetFormatException(
					source + ":1: the header must name the columns 'text' and 'label', found " + header.keySet());
		}
		return columns;
	}

	private static List<String> sortedLabels(List<LabelledExample> examples) {
		TreeSet<String> distinct = new TreeSet<>();
		examples.forEach((example) -> distinct.add(example.label()));
		boolean numeric = distinct.stream().allMatch((label) -> label.matches("-?\\d{1,18}"));
		Comparator<String> order = numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
		return distinct.stream().sorted(order).toList();
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
				Sha256.ofUtf8(this.sha256 + "[" + from + ":" + to + "]"), rows, sortedLabels(rows));
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
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < this.labels.size(); i++) {
			index.put(this.labels.get(i), i);
		}
		int[] result = new int[this.examples.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = index.get(this.examples.get(i).label());
		}
		return result;
	}

}
