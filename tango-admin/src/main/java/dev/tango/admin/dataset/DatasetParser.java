package dev.tango.admin.dataset;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks a labelled data set file. The whole file must be valid UTF-8 (a
 * leading byte order mark is skipped); TSV and CSV files start with a header naming the
 * columns {@code text} and {@code label}, and optionally {@code pair} and {@code split}
 * (any order and case; other columns are ignored), and quote fields as RFC 4180 says;
 * JSONL files hold one object per non-blank line with the same fields. Every row needs a
 * non-blank label; the file needs at least one row and two labels. Every refusal names
 * the line at fault.
 */
final class DatasetParser {

	/** The longest text (or second text) of a row, in UTF-16 characters. */
	static final int MAX_TEXT = 1_000_000;

	/** The longest label, as the registry stores labels. */
	static final int MAX_LABEL = 256;

	/** The longest split name. */
	static final int MAX_SPLIT = 64;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DatasetParser() {
	}

	/**
	 * Parses and checks a file.
	 * @param content the file's bytes
	 * @param format its format
	 * @return the checked rows and labels
	 * @throws DatasetRejectedException if the file is not acceptable
	 */
	static ParsedDataset parse(byte[] content, DatasetFormat format) {
		String text = decode(content);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.isBlank()) {
			throw new DatasetRejectedException(1L, "the file is empty");
		}
		List<DatasetRow> rows = switch (format) {
			case TSV -> delimited(text, '\t');
			case CSV -> delimited(text, ',');
			case JSONL -> jsonLines(text);
		};
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
		return new ParsedDataset(rows, sortedLabels(counts.keySet()), counts, pairs, splits);
	}

	/**
	 * Sorts labels numerically if all are integers, else lexicographically, as
	 * {@link dev.tango.runtime.data.LabelledDataset} does.
	 * @param labels the distinct labels
	 * @return the sorted labels
	 */
	static List<String> sortedLabels(Collection<String> labels) {
		boolean numeric = labels.stream().allMatch((label) -> label.matches("-?\\d{1,18}"));
		Comparator<String> order = numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
		return labels.stream().sorted(order).toList();
	}

	private static String decode(byte[] content) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(content);
		CharBuffer out = CharBuffer.allocate(content.length);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			long line = 1;
			for (int i = 0; i < in.position(); i++) {
				if (content[i] == '\n') {
					line++;
				}
			}
			throw new DatasetRejectedException(line,
					"not valid UTF-8 (byte offset " + in.position() + "); save the file as UTF-8");
		}
		return out.flip().toString();
	}

	private static List<DatasetRow> delimited(String text, char delimiter) {
		Lines lines = new Lines(text);
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
			.get();
		List<DatasetRow> rows = new ArrayList<>();
		CSVParser parser;
		try {
			parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get();
		}
		catch (IOException | IllegalArgumentException | UncheckedIOException ex) {
			throw new DatasetRejectedException(1L, "invalid header: " + ex.getMessage());
		}
		try (parser) {
			Map<String, Integer> columns = columns(parser.getHeaderNames());
			int width = parser.getHeaderNames().size();
			long nextLine = parser.getCurrentLineNumber() + 1;
			try {
				for (CSVRecord record : parser) {
					long line = lines.lineAt(skipLineBreaks(text, record.getCharacterPosition()));
					if (record.size() != width) {
						throw new DatasetRejectedException(line,
								"expected " + width + " fields as in the header, found " + record.size()
										+ " (a stray quote or " + describe(delimiter) + "?)");
					}
					Integer pair = columns.get("pair");
					Integer split = columns.get("split");
					rows.add(row(line, record.get(columns.get("text")), (pair != null) ? record.get(pair) : null,
							record.get(columns.get("label")), (split != null) ? emptyToNull(record.get(split)) : null));
					nextLine = parser.getCurrentLineNumber() + 1;
				}
			}
			catch (UncheckedIOException ex) {
				throw new DatasetRejectedException(nextLine, "cannot read the row: " + ex.getCause().getMessage());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/** Skips the empty lines before a record, which its position includes. */
	private static long skipLineBreaks(String text, long position) {
		int offset = (int) position;
		while (offset < text.length() && (text.charAt(offset) == '\n' || text.charAt(offset) == '\r')) {
			offset++;
		}
		return offset;
	}

	private static Map<String, Integer> columns(List<String> header) {
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).trim().toLowerCase(Locale.ROOT);
			if (List.of("text", "label", "pair", "split").contains(name) && columns.put(name, i) != null) {
				throw new DatasetRejectedException(1L, "the column '" + name + "' appears twice in the header");
			}
		}
		if (!columns.containsKey("text") || !columns.containsKey("label")) {
			throw new DatasetRejectedException(1L,
					"the header must name the columns 'text' and 'label' (optionally 'pair' and 'split'), found "
							+ header);
		}
		return columns;
	}

	private static List<DatasetRow> jsonLines(String text) {
		List<DatasetRow> rows = new ArrayList<>();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			long line = i + 1;
			String value = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (value.isBlank()) {
				continue;
			}
			JsonNode node;
			try {
				node = JSON.readTree(value);
			}
			catch (JacksonException ex) {
				throw new DatasetRejectedException(line, "not valid JSON: " + ex.getOriginalMessage());
			}
			if (node == null || !node.isObject()) {
				throw new DatasetRejectedException(line, "expected a JSON object with 'text' and 'label'");
			}
			JsonNode textNode = node.get("text");
			if (textNode == null || !textNode.isString()) {
				throw new DatasetRejectedException(line, "'text' must be a string");
			}
			JsonNode labelNode = node.get("label");
			if (labelNode == null || !(labelNode.isString() || labelNode.isIntegralNumber())) {
				throw new DatasetRejectedException(line, "'label' must be a string or an integer");
			}
			rows.add(row(line, textNode.asString(), optionalString(node, "pair", line), labelNode.asString(),
					emptyToNull(optionalString(node, "split", line))));
		}
		return rows;
	}

	private static @Nullable String optionalString(JsonNode node, String field, long line) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new DatasetRejectedException(line, "'" + field + "' must be a string");
		}
		return value.asString();
	}

	private static DatasetRow row(long line, String text, @Nullable String pair, String label, @Nullable String split) {
		if (label.isBlank()) {
			throw new DatasetRejectedException(line, "the label is empty");
		}
		check(line, "label", label, MAX_LABEL);
		check(line, "text", text, MAX_TEXT);
		check(line, "pair", pair, MAX_TEXT);
		check(line, "split", split, MAX_SPLIT);
		return new DatasetRow(line, text, pair, label, split);
	}

	private static void check(long line, String field, @Nullable String value, int maxLength) {
		if (value == null) {
			return;
		}
		if (value.length() > maxLength) {
			throw new DatasetRejectedException(line,
					"the " + field + " is longer than " + maxLength + " characters (" + value.length() + ")");
		}
		if (value.indexOf('\0') >= 0) {
			throw new DatasetRejectedException(line, "the " + field + " contains a NUL character");
		}
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String describe(char delimiter) {
		return (delimiter == '\t') ? "tab" : "comma";
	}

	/** Maps character offsets of a text to 1-based line numbers. */
	private static final class Lines {

		private final int[] starts;

		Lines(String text) {
			List<Integer> starts = new ArrayList<>();
			starts.add(0);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
					starts.add(i + 1);
				}
			}
			this.starts = starts.stream().mapToInt(Integer::intValue).toArray();
		}

		long lineAt(long offset) {
			int found = Arrays.binarySearch(this.starts, (int) offset);
			return ((found >= 0) ? found : -found - 2) + 1;
		}

	}

}
