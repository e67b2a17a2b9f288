package dev.tango.runtime.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LabelledDataReaderTest {

	@Test
	void readsTabSeparatedValuesWithQuoting() throws DatasetFormatException {
		String file = "Label\ttext\tpair\tsplit\n" + "pos\tplain text\t\ttrain\n"
				+ "neg\t\"quoted, with a tab\there\"\tsecond\tdev\n" + "pos\t\"spans\nlines and \"\"quotes\"\"\"\t\t\n"
				+ "\n" + "neg\tafter a blank line\t\t\n";

		List<DatasetRow> rows = LabelledDataReader.read(utf8(file), DatasetFormat.TSV);

		assertThat(rows).extracting(DatasetRow::line).containsExactly(2L, 3L, 4L, 7L);
		assertThat(rows.get(1).text()).isEqualTo("quoted, with a tab\there");
		assertThat(rows.get(1).pair()).isEqualTo("second");
		assertThat(rows.get(1).split()).isEqualTo("dev");
		assertThat(rows.get(2).text()).isEqualTo("spans\nlines and \"quotes\"");
		assertThat(rows.get(2).split()).isNull();
		assertThat(rows).extracting(DatasetRow::label).containsExactly("pos", "neg", "pos", "neg");
	}

	@Test
	void readsCsvWithCrLfAndAByteOrderMark() throws DatasetFormatException {
		String file = "\uFEFFtext,label\r\n\"a, b\",1\r\nc,0\r\nd,10\r\n";

		List<DatasetRow> rows = LabelledDataReader.read(utf8(file), DatasetFormat.CSV);

		assertThat(rows).extracting(DatasetRow::text).containsExactly("a, b", "c", "d");
		assertThat(rows).extracting(DatasetRow::line).containsExactly(2L, 3L, 4L);
		assertThat(rows).extracting(DatasetRow::pair).containsOnlyNulls();
	}

	@Test
	void readsJsonLines() throws DatasetFormatException {
		String file = "{\"text\": \"good\", \"label\": \"pos\"}\n\n"
				+ "{\"text\": \"bad\", \"label\": \"neg\", \"pair\": null, \"split\": \"test\", \"other\": 3}\n"
				+ "{\"text\": \"number\", \"label\": 7}\r\n";

		List<DatasetRow> rows = LabelledDataReader.read(utf8(file), DatasetFormat.JSONL);

		assertThat(rows).extracting(DatasetRow::line).containsExactly(1L, 3L, 4L);
		assertThat(rows.get(1).split()).isEqualTo("test");
		assertThat(rows.get(2).label()).isEqualTo("7");
		assertThat(LabelledDataset.sortedLabels(rows.stream().map(DatasetRow::label).toList())).containsExactly("7",
				"neg", "pos");
	}

	@Test
	void readsAHeaderWithoutRowsAsNoRows() throws DatasetFormatException {
		assertThat(LabelledDataReader.read(utf8("text\tlabel\n"), DatasetFormat.TSV)).isEmpty();
	}

	@Test
	void namesTheLineAndTheReasonOfEveryRefusal() {
		assertRejected("sentence\tlabel\nhello\t1\n", DatasetFormat.TSV, 1L, "'text' and 'label'");
		assertRejected("text\tlabel\ttext\nx\t1\ty\n", DatasetFormat.TSV, 1L, "duplicate name");
		assertRejected("text\tlabel\na\t1\nb\t0\textra\n", DatasetFormat.TSV, 3L, "expected 2 fields");
		assertRejected("text\tlabel\na\t1\nb\t\n", DatasetFormat.TSV, 3L, "the label is empty");
		assertRejected("text,label\na,1\n\"never closed,0\n", DatasetFormat.CSV, 3L, "cannot read the row");
		assertRejected("", DatasetFormat.TSV, 1L, "empty");
		assertRejected("text\tlabel\na\t1\nnul\0here\t0\n", DatasetFormat.TSV, 3L, "NUL");
		assertRejected("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"pair\": \"x\\udc00\", \"label\": 0}\n",
				DatasetFormat.JSONL, 2L, "the pair holds a lone surrogate, \\uDC00, at character 1");
		assertRejected("{\"text\": \"a\", \"label\": \"y\", \"label\": \"z\"}\n", DatasetFormat.JSONL, 1L, "Duplicate");
		assertRejected("{\"text\": \"a\", \"label\": 1} {\"text\": \"b\", \"label\": 0}\n", DatasetFormat.JSONL, 1L,
				"not valid JSON: more than one JSON value on the line");
		assertRejected("text\tlabel\na\t1\nb\t" + "x".repeat(257) + "\n", DatasetFormat.TSV, 3L, "longer than 256");
		assertRejected("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": }\n", DatasetFormat.JSONL, 2L,
				"not valid JSON");
		assertRejected("{\"text\": \"a\", \"label\": 1}\n[1, 2]\n", DatasetFormat.JSONL, 2L, "a JSON object");
		assertRejected("{\"text\": \"a\", \"label\": 1}\n{\"label\": 0}\n", DatasetFormat.JSONL, 2L,
				"'text' must be a string");
		assertRejected("{\"text\": \"a\", \"label\": 1.5}\n", DatasetFormat.JSONL, 1L, "'label' must be");
	}

	@Test
	void refusesMoreRowsThanADataSetHolds() throws DatasetFormatException {
		String tsv = "text\tlabel\n" + "a\t0\n".repeat(LabelledDataReader.MAX_ROWS);
		assertThat(LabelledDataReader.read(utf8(tsv), DatasetFormat.TSV)).hasSize(LabelledDataReader.MAX_ROWS);
		assertRejected(tsv + "b\t1\n", DatasetFormat.TSV, LabelledDataReader.MAX_ROWS + 2L,
				"more than " + LabelledDataReader.MAX_ROWS + " rows");
		assertRejected("{\"text\": \"a\", \"label\": 0}\n".repeat(LabelledDataReader.MAX_ROWS + 1), DatasetFormat.JSONL,
				LabelledDataReader.MAX_ROWS + 1L, "split the file");
	}

	@Test
	void refusalsReadAsLineAndReasonOrAsSourceLineAndReason() {
		assertThatExceptionOfType(DatasetFormatException.class)
			.isThrownBy(() -> LabelledDataReader.read(utf8("text\tlabel\na\t1\nb\t\n"), DatasetFormat.TSV))
			.satisfies((ex) -> {
				assertThat(ex).hasMessage("line 3: the label is empty");
				assertThat(ex.in("d.tsv")).hasMessage("d.tsv:3: the label is empty")
					.hasCause(ex)
					.extracting(DatasetFormatException::line)
					.isEqualTo(3L);
			});
	}

	@Test
	void invalidUtf8IsRefusedAtItsLine() {
		byte[] head = utf8("text\tlabel\na\t1\nb\t0\n");
		byte[] file = new byte[head.length + 4];
		System.arraycopy(head, 0, file, 0, head.length);
		// a lone continuation byte on line 4
		file[head.length] = 'c';
		file[head.length + 1] = (byte) 0x80;
		file[head.length + 2] = '\t';
		file[head.length + 3] = '1';

		assertRejected(file, DatasetFormat.TSV, 4L, "not valid UTF-8");
	}

	@Test
	void overlongUtf8IsRefusedInEveryFormat() {
		// C0 AF and E0 80 AF are overlong forms of '/', which a lenient decoder reads as
		// '/'.
		for (byte[] overlong : new byte[][] { { (byte) 0xC0, (byte) 0xAF },
				{ (byte) 0xE0, (byte) 0x80, (byte) 0xAF } }) {
			assertRejected(withBytes("text\tlabel\na\t1\nb", overlong, "\t0\n"), DatasetFormat.TSV, 3L,
					"not valid UTF-8");
			assertRejected(withBytes("text,label\na,1\nb", overlong, ",0\n"), DatasetFormat.CSV, 3L, "not valid UTF-8");
			assertRejected(withBytes("{\"text\": \"a\", \"label\": \"1\"}\n{\"text\": \"b", overlong,
					"\", \"label\": \"0\"}\n"), DatasetFormat.JSONL, 2L, "not valid UTF-8");
		}
	}

	private static byte[] withBytes(String before, byte[] bytes, String after) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(utf8(before));
		out.writeBytes(bytes);
		out.writeBytes(utf8(after));
		return out.toByteArray();
	}

	private static void assertRejected(String file, DatasetFormat format, Long line, String reason) {
		assertRejected(utf8(file), format, line, reason);
	}

	private static void assertRejected(byte[] file, DatasetFormat format, Long line, String reason) {
		assertThatExceptionOfType(DatasetFormatException.class).isThrownBy(() -> LabelledDataReader.read(file, format))
			.satisfies((ex) -> {
				assertThat(ex.line()).as("line of: %s", ex.getMessage()).isEqualTo(line);
				assertThat(ex.reason()).contains(reason);
			});
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
