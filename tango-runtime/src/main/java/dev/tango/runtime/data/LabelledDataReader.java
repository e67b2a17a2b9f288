package dev.tango.runtime.data;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tango.runtime.json.JsonDocuments;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.core.tier.UnicodeText;

/**
 * The one reader of labelled data, for uploads and files alike. The whole input must be
 * valid UTF-8 (a leading byte order mark is skipped); TSV and CSV data start with a
 * header naming the columns {@code text} and {@code label}, and optionally {@code pair}
 * and {@code split} (any order and case; other columns are ignored), and quote fields as
 * RFC 4180 says (a quoted field may span lines; fields are not trimmed); JSONL data hold
 * one object per non-blank line with the same fields. Every row needs a non-blank label;
 * texts, labels and split names have length limits, no NUL characters and no lone
 * surrogates (a JSON escape such as {@code \ud800}, which no UTF-8 text can hold); at
 * most {@value #MAX_ROWS} rows. Every refusal is a {@link DatasetFormatException} naming
 * the line at fault. Stateless and thread-safe.
 */
public final class LabelledDataReader {

	/** The longest text (or second text) of a row, in UTF-16 characters. */
	public static final int MAX_TEXT = 1_000_000;

	/** The longest label, as the registry stores labels. */
	public static final int MAX_LABEL = 256;

	/** The longest split name. */
	public static final int MAX_SPLIT = 64;

	/**
	 * The most rows read: each takes a few hundred bytes of heap while it is read, so
	 * many tiny rows in an upload within the size limit would otherwise exhaust it.
	 */
	public static final int MAX_ROWS = 2_000_000;

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private LabelledDataReader() {
	}

	/**
	 * Reads and checks labelled data.
	 * @param content the data's bytes
	 * @param format its format
	 * @return the rows in order, each with the line it starts on; empty if the data has a
	 * header but no rows
	 * @throws DatasetFormatException if the data are malformed or empty
	 */
	public static List<DatasetRow> read(byte[] content, DatasetFormat format) throws DatasetFormatException {
		String text = decode(content);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.isBlank()) {
			throw new DatasetFormatException(1L, "the file is empty");
		}
		return switch (format) {
			case TSV -> delimited(text, '\t');
			case CSV -> delimited(text, ',');
			case JSONL -> jsonLines(text);
		};
	}

	private static String decode(byte[] content) throws DatasetFormatException {
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
			throw new DatasetFormatException(line,
					"not valid UTF-8 (byte offset " + in.position() + "); save the file as UTF-8");
		}
		return out.flip().toString();
	}

	private static List<DatasetRow> delimited(String text, char delimiter) throws DatasetFormatException {
		Lines lines = new Lines(text);
		CSVFormat format = delimitedFormat(delimiter);
		List<DatasetRow> rows = new ArrayList<>();
		CSVParser parser;
		try {
			parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get();
		}
		catch (IOException | IllegalArgumentException | UncheckedIOException ex) {
			throw new DatasetFormatException(1L, "invalid header: " + ex.getMessage());
		}
		try (parser) {
			Map<String, Integer> columns = columns(parser.getHeaderNames());
			int width = parser.getHeaderNames().size();
			long nextLine = parser.getCurrentLineNumber() + 1;
			try {
				for (CSVRecord record : parser) {
					long line = lines.lineAt(skipLineBreaks(text, record.getCharacterPosition()));
					if (record.size() != width) {
						throw new DatasetFormatException(line, "expected " + width + " fields as in the header, found "
								+ record.size() + " (a stray quote or " + describe(delimiter) + "?)");
					}
					Integer pair = columns.get("pair");
					Integer split = columns.get("split");
					checkRowCount(rows, line);
					rows.add(row(line, record.get(columns.get("text")), (pair != null) ? record.get(pair) : null,
							record.get(columns.get("label")), (split != null) ? emptyToNull(record.get(split)) : null));
					nextLine = parser.getCurrentLineNumber() + 1;
				}
			}
			catch (UncheckedIOException ex) {
				throw new DatasetFormatException(nextLine, "cannot read the row: " + ex.getCause().getMessage());
			}
		}
		catch (DatasetFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// closing a parser over a string cannot fail
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/**
	 * Returns the format of delimited data: RFC 4180 quoting, a header row naming the
	 * columns (none twice), empty lines skipped.
	 * @param delimiter the field delimiter
	 * @return the format
	 */
	static CSVFormat delimitedFormat(char delimiter) {
		return CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
			.get();
	}

	/** Skips the empty lines before a record, which its position includes. */
	private static long skipLineBreaks(String text, long position) {
		int offset = (int) position;
		while (offset < text.length() && (text.charAt(offset) == '\n' || text.charAt(offset) == '\r')) {
			offset++;
		}
		return offset;
	}

	private static Map<String, Integer> columns(List<String> header) throws DatasetFormatException {
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).trim().toLowerCase(Locale.ROOT);
			if (List.of("text", "label", "pair", "split").contains(name) && columns.put(name, i) != null) {
				throw new DatasetFormatException(1L, "the column '" + name + "' appears twice in the header");
			}
		}
		if (!columns.containsKey("text") || !columns.containsKey("label")) {
			throw new DatasetFormatException(1L,
					"the header must name the columns 'text' and 'label' (optionally 'pair' and 'split'), found "
							+ header);
		}
		return columns;
	}

	private static List<DatasetRow> jsonLines(String text) throws DatasetFormatException {
		List<DatasetRow> rows = new ArrayList<>();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			long line = i + 1;
			String value = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (value.isBlank()) {
				continue;
			}
			JsonNode node = jsonRow(line, value, "'text' and 'label'");
			JsonNode labelNode = node.get("label");
			if (labelNode == null || !(labelNode.isString() || labelNode.isIntegralNumber())) {
				throw new DatasetFormatException(line, "'label' must be a string or an integer");
			}
			checkRowCount(rows, line);
			rows.add(row(line, node.get("text").asString(), optionalString(node, "pair", line), labelNode.asString(),
					emptyToNull(optionalString(node, "split", line))));
		}
		return rows;
	}

	private static void checkRowCount(List<DatasetRow> rows, long line) throws DatasetFormatException {
		if (rows.size() == MAX_ROWS) {
			throw new DatasetFormatException(line,
					"more than " + MAX_ROWS + " rows, the most a data set holds: split the file");
		}
	}

	/**
	 * Parses one line of a JSON Lines file: an object with a string {@code text}.
	 * @param line the line number, for messages
	 * @param value the line
	 * @param fields the fields the object must have, for the message when it is not one
	 * @return the object
	 * @throws DatasetFormatException if the line is not such an object
	 */
	static JsonNode jsonRow(long line, String value, String fields) throws DatasetFormatException {
		JsonNode node;
		try {
			node = JSON.readTree(value);
		}
		catch (JacksonException ex) {
			String reason = ex.getOriginalMessage().startsWith("Trailing token")
					? "more than one JSON value on the line: give one object per line"
					: JsonDocuments.withoutSource(ex);
			throw new DatasetFormatException(line, "not valid JSON: " + reason);
		}
		if (node == null || !node.isObject()) {
			throw new DatasetFormatException(line, "expected a JSON object with " + fields);
		}
		JsonNode text = node.get("text");
		if (text == null || !text.isString()) {
			throw new DatasetFormatException(line, "'text' must be a string");
		}
		return node;
	}

	/**
	 * Returns a top-level number of a JSON object as the line writes it ({@code 1.50},
	 * {@code 1e3}, {@code 12345678901234567890}), which the parsed number would write
	 * otherwise ({@code 1.5}, {@code 1000.0}).
	 * @param value the line, a JSON object that {@link #jsonRow} read
	 * @param field the name of a field whose value is a number
	 * @return its text
	 */
	static String numberAsWritten(String value, String field) {
		try (JsonParser parser = JSON.createParser(value)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				if (parser.nextToken().isNumeric() && name.equals(field)) {
					return parser.getString();
				}
				parser.skipChildren();
			}
		}
		throw new IllegalArgumentException("'" + field + "' is not a number of the object");
	}

	private static @Nullable String optionalString(JsonNode node, String field, long line)
			throws DatasetFormatException {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new DatasetFormatException(line, "'" + field + "' must be a string");
		}
		return value.asString();
	}

	private static DatasetRow row(long line, String text, @Nullable String pair, String label, @Nullable String split)
			throws DatasetFormatException {
		if (label.isBlank()) {
			throw new DatasetFormatException(line, "the label is empty");
		}
		check(line, "label", label, MAX_LABEL);
		check(line, "text", text, MAX_TEXT);
		check(line, "pair", pair, MAX_TEXT);
		check(line, "split", split, MAX_SPLIT);
		return new DatasetRow(line, text, pair, label, split);
	}

	static void check(long line, String field, @Nullable String value, int maxLength) throws DatasetFormatException {
		if (value == null) {
			return;
		}
		if (value.length() > maxLength) {
			throw new DatasetFormatException(line,
					"the " + field + " is longer than " + maxLength + " characters (" + value.length() + ")");
		}
		if (value.indexOf('\0') >= 0) {
			throw new DatasetFormatException(line, "the " + field + " contains a NUL character");
		}
		int surrogate = UnicodeText.loneSurrogateAt(value);
		if (surrogate >= 0) {
			throw new DatasetFormatException(line,
					"the " + field + " " + UnicodeText.loneSurrogateRefusal(value, surrogate));
		}
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	static String describe(char delimiter) {
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
