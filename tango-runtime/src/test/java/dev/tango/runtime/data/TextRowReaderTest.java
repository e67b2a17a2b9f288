package dev.tango.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tango.core.tier.TextInput;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRowReaderTest {

	@Test
	void readsQuotedCsvRowsWithoutLabelsWithTheirIdsAndLines() throws IOException {
		List<InputRow> rows = read("\uFEFFid,text,pair\n7,\"a, quoted\nfield\",second\n8,plain,\"\"\n",
				DatasetFormat.CSV, "ID");

		assertThat(rows).containsExactly(new InputRow(1, 2, new TextInput("a, quoted\nfield", "second"), "7"),
				new InputRow(2, 4, new TextInput("plain", ""), "8"));
	}

	@Test
	void readsJsonLinesSkippingBlankOnes() throws IOException {
		List<InputRow> rows = read(
				"{\"text\": \"one\", \"n\": 4}\n\n{\"text\": \"two\", \"pair\": \"p\", \"n\": \"x\"}\n",
				DatasetFormat.JSONL, "n");

		assertThat(rows).containsExactly(new InputRow(1, 1, TextInput.of("one"), "4"),
				new InputRow(2, 3, new TextInput("two", "p"), "x"));
	}

	@Test
	void keepsNumericIdsOfJsonLinesAsTheyAreWritten() throws IOException {
		List<InputRow> rows = read("""
				{"n": 1.5e300, "text": "one"}
				{"nested": {"n": 2}, "text": "two", "n": 1.50}
				{"text": "three", "n": 12345678901234567890123}
				{"text": "four", "n": -0}
				{"text": "five", "n": true}
				""", DatasetFormat.JSONL, "n");

		assertThat(rows).extracting(InputRow::id)
			.containsExactly("1.5e300", "1.50", "12345678901234567890123", "-0", "true");
	}

	@Test
	void refusesWhatTheLabelledReaderRefusesNamingTheLine() {
		assertThatThrownBy(() -> read("label\tsentence\n1\tx\n", DatasetFormat.TSV, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessageContaining("must name the column 'text'");
		assertThatThrownBy(() -> read("text\n", DatasetFormat.TSV, "id")).isInstanceOf(DatasetFormatException.class)
			.hasMessageContaining("no identifier column 'id'");
		assertThatThrownBy(() -> read("text\tx\nok\t1\ttoo many\n", DatasetFormat.TSV, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessage("line 2: expected 2 fields as in the header, found 3 (a stray quote or tab?)");
		assertThatThrownBy(() -> read("{\"text\": \"a\"}\n{\"text\": 3}\n", DatasetFormat.JSONL, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessage("line 2: 'text' must be a string");
		assertThatThrownBy(() -> read("text\nbad \u0000 row\n", DatasetFormat.TSV, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessageContaining("NUL");
	}

	@Test
	void refusesARowThatNeverEndsAsItReadsItNamingWhereItStarts() {
		// past the limit by more than the buffers that read ahead of the row
		String endless = "a".repeat((int) TextRowReader.MAX_ROW + (1 << 18));
		String past = " runs past " + TextRowReader.MAX_ROW
				+ " characters: a quote that is never closed, or a line that never ends";

		assertThatThrownBy(() -> read("\"" + endless, DatasetFormat.CSV, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessage("line 1: the header" + past);
		assertThatThrownBy(() -> read("text\tpair\nok\tfine\n\"open\tquote\n" + endless.replace("aaaa", "aa\na"),
				DatasetFormat.TSV, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessage("line 3: the row starting on this line" + past);
		assertThatThrownBy(() -> read("text\tpair\nok\tfine\n\"open\tquote\nand\nno\nend\n", DatasetFormat.TSV, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessageStartingWith("line 3: cannot read the row starting on this line: ");
		assertThatThrownBy(() -> read("{\"text\": \"ok\"}\n\n{\"text\": \"" + endless, DatasetFormat.JSONL, null))
			.isInstanceOf(DatasetFormatException.class)
			.hasMessage("line 3: the row starting on this line" + past);
	}

	@Test
	void readsRowsOfTheLongestTextsAllowed() throws IOException {
		String longest = "b".repeat(LabelledDataReader.MAX_TEXT);
		List<InputRow> rows = read("id,text,pair\n1,\"" + longest + "\"," + longest + "\n2,short,\n", DatasetFormat.CSV,
				"id");

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).input().text()).hasSize(LabelledDataReader.MAX_TEXT);
		assertThat(rows.get(1).input()).isEqualTo(new TextInput("short", ""));
	}

	@Test
	void refusesBytesThatAreNotUtf8() {
		byte[] content = { 't', 'e', 'x', 't', '\n', 'o', 'k', '\n', (byte) 0xC0, (byte) 0xAF, '\n' };
		assertThatThrownBy(() -> read(content, DatasetFormat.TSV, null)).isInstanceOf(DatasetFormatException.class)
			.hasMessageContaining("not valid UTF-8");
	}

	private static List<InputRow> read(String content, DatasetFormat format, @Nullable String id) throws IOException {
		return read(content.getBytes(StandardCharsets.UTF_8), format, id);
	}

	private static List<InputRow> read(byte[] content, DatasetFormat format, @Nullable String id) throws IOException {
		List<InputRow> rows = new ArrayList<>();
		try (TextRowReader reader = TextRowReader.open(new ByteArrayInputStream(content), format, id)) {
			for (InputRow row = reader.next(); row != null; row = reader.next()) {
				rows.add(row);
			}
		}
		return rows;
	}

}
