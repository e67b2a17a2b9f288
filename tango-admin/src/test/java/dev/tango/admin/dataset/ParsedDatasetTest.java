package dev.tango.admin.dataset;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tango.runtime.data.DatasetFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParsedDatasetTest {

	@Test
	void countsLabelsPairsAndSplits() {
		ParsedDataset parsed = ParsedDataset
			.parse(utf8("text\tlabel\tpair\tsplit\na\t10\tx\ttrain\nb\t2\t\t\nc\t10\t\t\n"), DatasetFormat.TSV);

		assertThat(parsed.rows()).hasSize(3);
		assertThat(parsed.labels()).containsExactly("2", "10");
		assertThat(parsed.counts()).containsEntry("10", 2).containsEntry("2", 1);
		assertThat(parsed.hasPairs()).isTrue();
		assertThat(parsed.hasSplits()).isTrue();
	}

	@Test
	void refusesFilesThatAreNotLabelledDataSets() {
		assertRejected("text\tlabel\na\t1\nb\t1\n", null, "at least two labels");
		assertRejected("text\tlabel\n", null, "no data rows");
		assertRejected("text\tlabel\na\t1\nb\t0\textra\n", 3L, "expected 2 fields");
		assertRejected("", 1L, "empty");
	}

	private static void assertRejected(String file, Long line, String reason) {
		assertThatExceptionOfType(DatasetRejectedException.class)
			.isThrownBy(() -> ParsedDataset.parse(utf8(file), DatasetFormat.TSV))
			.satisfies((ex) -> {
				assertThat(ex.line()).as("line of: %s", ex.getMessage()).isEqualTo(line);
				assertThat(ex.reason()).contains(reason);
				assertThat(ex.getMessage())
					.isEqualTo((line != null) ? "line " + line + ": " + ex.reason() : ex.reason());
			});
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
