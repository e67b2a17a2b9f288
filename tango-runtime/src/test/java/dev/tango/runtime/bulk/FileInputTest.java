package dev.tango.runtime.bulk;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A file to classify names itself by its name alone in every failure, so that a service
 * can keep its directories out of what it tells callers: a refused header, and a file
 * that cannot be opened, whichever way it is read.
 */
class FileInputTest {

	@TempDir
	Path folder;

	@Test
	void aRefusedHeaderNamesTheFileByItsName() throws Exception {
		Path file = Files.writeString(this.folder.resolve("rows.tsv"), "text\tkey\nfine\t1\n");
		FileInput input = new FileInput(file, "rows.tsv", DatasetFormat.TSV, "id");

		assertThatExceptionOfType(DatasetFormatException.class).isThrownBy(input::checkHeaderAndFirstRow)
			.withMessageStartingWith("rows.tsv:1: the header has no identifier column 'id'")
			.withMessageNotContaining(this.folder.toString());
		new FileInput(file, "rows.tsv", DatasetFormat.TSV, "key").checkHeaderAndFirstRow();
		assertThatExceptionOfType(DatasetFormatException.class)
			.isThrownBy(new FileInput(file, "rows.tsv", DatasetFormat.JSONL, null)::checkHeaderAndFirstRow)
			.as("the first row is read too")
			.withMessageStartingWith("rows.tsv:1: ");
	}

	@Test
	void aFileThatCannotBeOpenedIsNamedByItsNameAloneWithoutTheJdksFailureAsCause() {
		FileInput input = new FileInput(this.folder.resolve("gone.tsv"), "gone.tsv", DatasetFormat.TSV, null);

		for (ThrowingCallable read : new ThrowingCallable[] { input::checkHeaderAndFirstRow, input::survey,
				input::stamp, input::open }) {
			assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(read)
				.withMessage("gone.tsv: no such file")
				.withNoCause();
		}
		assertThat(new FileInput(this.folder.resolve("gone.tsv"), DatasetFormat.TSV, null).description())
			.as("named by its path where no name is given")
			.isEqualTo(this.folder.resolve("gone.tsv").toString());
	}

}
