package dev.tango.runtime.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.io.InputFiles;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the rows of a file to classify one at a time, in memory bounded by the longest
 * row, whatever the file's size: a row (the header too) that runs past {@value #MAX_ROW}
 * characters, such as one opened by a quote that is never closed, is refused as it is
 * read. The formats and rules are those of {@link LabelledDataReader} (UTF-8, a leading
 * byte order mark skipped; TSV and CSV with a header and RFC 4180 quoting; JSONL
 * objects), except that rows need no label: a row needs a {@code text} and may have a
 * {@code pair}, and an identifier column, when one is named, is copied to each row. Every
 * refusal is a {@link DatasetFormatException} naming the line at fault. Not thread-safe;
 * close it to close the file.
 */
public final class TextRowReader implements AutoCloseable {

	/**
	 * Invalid bytes are found as the text is decoded, in blocks read ahead: the line
	 * named is where the block starts.
	 */
	private static final String NOT_UTF8 = "not valid UTF-8 at or after this line; save the file as UTF-8";

	/**
	 * The most characters read for one row, the header included: room for a text and a
	 * pair of the longest size allowed, an identifier and other columns.
	 */
	static final long MAX_ROW = 4L * LabelledDataReader.MAX_TEXT;

	private final RowLengthLimit limit;

	private final BufferedReader reader;

	private final DatasetFormat format;

	private final @Nullable String idColumn;

	private final @Nullable CSVParser parser;

	private final @Nullable Iterator<CSVRecord> records;

	private int textIndex = -1;

	private int pairIndex = -1;

	private int idIndex = -1;

	private int width;

	private long rows;

	private long jsonLine;

	private TextRowReader(BufferedReader reader, RowLengthLimit limit, DatasetFormat format, @Nullable String idColumn)
			throws DatasetFormatException {
		this.reader = reader;
		this.limit = limit;
		this.format = format;
		this.idColumn = idColumn;
		if (format == DatasetFormat.JSONL) {
			this.parser = null;
			this.records = null;
			return;
		}
		char delimiter = (format == DatasetFormat.TSV) ? '\t' : ',';
		try {
			this.parser = CSVParser.builder()
				.setReader(reader)
				.setFormat(LabelledDataReader.delimitedFormat(delimiter))
				.get();
		}
		catch (IOException | IllegalArgumentException | UncheckedIOException ex) {
			if (ex instanceof CharacterCodingException || ex.getCause() instanceof CharacterCodingException) {
				throw new DatasetFormatException(1L, NOT_UTF8);
			}
			RowLengthLimit.RowTooLongException tooLong = RowLengthLimit.RowTooLongException.in(ex);
			if (tooLong != null) {
				throw new DatasetFormatException(1L, tooLong.describe("the header"));
			}
			throw new DatasetFormatException(1L, "invalid header: " + ex.getMessage());
		}
		this.records = this.parser.iterator();
		columns(this.parser.getHeaderNames());
	}

	/**
	 * Opens a file.
	 * @param file the file
	 * @param format its format
	 * @param idColumn the column (TSV, CSV) or field (JSONL) that identifies each row, or
	 * {@code null}
	 * @return the reader, positioned before the first row
	 * @throws DatasetFormatException if the header is malformed or lacks a named column
	 * @throws IOException if the file cannot be read
	 */
	public static TextRowReader open(Path file, DatasetFormat format, @Nullable String idColumn) throws IOException {
		return open(InputFiles.open(file), format, idColumn);
	}

	/**
	 * Reads a stream of a file's bytes.
	 * @param in the bytes, closed with the reader
	 * @param format their format
	 * @param idColumn the column (TSV, CSV) or field (JSONL) that identifies each row, or
	 * {@code null}
	 * @return the reader, positioned before the first row
	 * @throws DatasetFormatException if the header is malformed or lacks a named column
	 * @throws IOException if the stream cannot be read
	 */
	public static TextRowReader open(InputStream in, DatasetFormat format, @Nullable String idColumn)
			throws IOException {
		RowLengthLimit limit = new RowLengthLimit(new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				MAX_ROW);
		BufferedReader reader = new BufferedReader(limit, 1 << 16);
		try {
			reader.mark(1);
			if (reader.read() != '\uFEFF') {
				reader.reset();
			}
			return new TextRowReader(reader, limit, format, idColumn);
		}
		catch (CharacterCodingException ex) {
			reader.close();
			throw new DatasetFormatException(1L, NOT_UTF8);
		}
		catch (IOException | RuntimeException ex) {
			reader.close();
			throw ex;
		}
	}

	private void columns(List<String> header) throws DatasetFormatException {
		this.width = header.size();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).trim();
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.equals("text")) {
				this.textIndex = i;
			}
			else if (lower.equals("pair")) {
				this.pairIndex = i;
			}
			if (this.idColumn != null && name.equalsIgnoreCase(this.idColumn)) {
				this.idIndex = i;
			}
		}
		if (this.textIndex < 0) {
			throw new DatasetFormatException(1L, "the header must name the column 'text', found " + header);
		}
		if (this.idColumn != null && this.idIndex < 0) {
			throw new DatasetFormatException(1L,
					"the header has no identifier column '" + this.idColumn + "', found " + header);
		}
	}

	/**
	 * Reads the next row.
	 * @return the row, or {@code null} at the end of the file
	 * @throws DatasetFormatException if the row is malformed or not valid UTF-8
	 * @throws IOException if the file cannot be read
	 */
	public @Nullable InputRow next() throws IOException {
		long start = nextLine();
		this.limit.startRow();
		try {
			InputRow row = (this.format == DatasetFormat.JSONL) ? nextJson() : nextDelimited();
			if (row != null) {
				this.rows++;
			}
			return row;
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause(), start);
		}
		catch (CharacterCodingException | RowLengthLimit.RowTooLongException ex) {
			throw failure(ex, start);
		}
	}

	/**
	 * The line the parser is at: before a delimited row, the line it starts on; in a JSON
	 * line (blank lines are skipped one at a time), the line being read.
	 */
	private long nextLine() {
		return (this.parser != null) ? this.parser.getCurrentLineNumber() + 1 : this.jsonLine + 1;
	}

	/**
	 * A failure to read a row, naming its line: where the row started (a delimited row's
	 * start, taken before it was read; the JSON line being read) or, for bytes that are
	 * not UTF-8, where the decoder's block was.
	 */
	private DatasetFormatException failure(IOException cause, long delimitedStart) {
		long start = (this.parser != null) ? delimitedStart : nextLine();
		if (cause instanceof RowLengthLimit.RowTooLongException tooLong) {
			return new DatasetFormatException(start, tooLong.describe("the row starting on this line"));
		}
		if (cause instanceof CharacterCodingException) {
			return new DatasetFormatException(nextLine(), NOT_UTF8);
		}
		return new DatasetFormatException(start, "cannot read the row starting on this line: " + cause.getMessage());
	}

	private @Nullable InputRow nextDelimited() throws DatasetFormatException {
		CSVParser csv = this.parser;
		Iterator<CSVRecord> iterator = this.records;
		if (csv == null || iterator == null) {
			throw new IllegalStateException("not a delimited file");
		}
		long line = csv.getCurrentLineNumber() + 1;
		if (!iterator.hasNext()) {
			return null;
		}
		CSVRecord record = iterator.next();
		if (record.size() != this.width) {
			throw new DatasetFormatException(line,
					"expected " + this.width + " fields as in the header, found " + record.size()
							+ " (a stray quote or "
							+ LabelledDataReader.describe((this.format == DatasetFormat.TSV) ? '\t' : ',') + "?)");
		}
		return row(line, record.get(this.textIndex), (this.pairIndex >= 0) ? record.get(this.pairIndex) : null,
				(this.idIndex >= 0) ? record.get(this.idIndex) : null);
	}

	private @Nullable InputRow nextJson() throws IOException {
		String value;
		do {
			value = this.reader.readLine();
			if (value == null) {
				return null;
			}
			this.jsonLine++;
		}
		while (value.isBlank());
		long line = this.jsonLine;
		JsonNode node = LabelledDataReader.jsonRow(line, value, "'text'");
		JsonNode pair = node.get("pair");
		if (pair != null && !pair.isNull() && !pair.isString()) {
			throw new DatasetFormatException(line, "'pair' must be a string");
		}
		String id = null;
		if (this.idColumn != null) {
			JsonNode idNode = node.get(this.idColumn);
			if (idNode == null || !idNode.isValueNode() || idNode.isNull()) {
				throw new DatasetFormatException(line, "'" + this.idColumn + "' must be a string or a number");
			}
			id = idNode.isNumber() ? LabelledDataReader.numberAsWritten(value, this.idColumn) : idNode.asString();
		}
		return row(line, node.get("text").asString(), (pair != null && !pair.isNull()) ? pair.asString() : null, id);
	}

	private InputRow row(long line, String text, @Nullable String pair, @Nullable String id)
			throws DatasetFormatException {
		LabelledDataReader.check(line, "text", text, LabelledDataReader.MAX_TEXT);
		LabelledDataReader.check(line, "pair", pair, LabelledDataReader.MAX_TEXT);
		LabelledDataReader.check(line, "id", id, LabelledDataReader.MAX_LABEL);
		return new InputRow(this.rows + 1, line, new TextInput(text, pair), id);
	}

	@Override
	public void close() throws IOException {
		if (this.parser != null) {
			this.parser.close();
		}
		this.reader.close();
	}

}
