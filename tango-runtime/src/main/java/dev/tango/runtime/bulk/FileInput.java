package dev.tango.runtime.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Objects;

import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetFormatException;
import dev.tango.runtime.data.InputRow;
import dev.tango.runtime.data.TextRowReader;
import org.jspecify.annotations.Nullable;

/**
 * A file of rows to classify, read by {@link TextRowReader}: TSV or CSV with a
 * {@code text} column, or JSONL objects with a {@code text} field; labels are not needed.
 * Malformed rows are refused with a {@link DatasetFormatException} whose message starts
 * with {@code path:line:}.
 *
 * @param file the file
 * @param format its format
 * @param idColumn the column or field that identifies each row, copied to the results, or
 * {@code null}
 */
public record FileInput(Path file, DatasetFormat format, @Nullable String idColumn) implements BulkInput {

	public FileInput {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(format, "format");
	}

	@Override
	public String description() {
		return this.file.toString();
	}

	@Override
	public Survey survey() throws IOException {
		FileStamp before = FileStamp.of(this.file);
		MessageDigest digest = Sha256.newDigest();
		long rows = 0;
		try (DigestInputStream in = new DigestInputStream(Files.newInputStream(this.file), digest);
				TextRowReader reader = reader(in)) {
			while (next(reader) != null) {
				rows++;
			}
			in.transferTo(OutputStream.nullOutputStream());
		}
		FileStamp after = FileStamp.of(this.file);
		if (!after.equals(before)) {
			throw new InputChangedException(this.file + " changed while it was read: "
					+ InputChangedException.how(before, after) + "; run again once it is no longer written");
		}
		return new Survey(Sha256.hex(digest), rows, before);
	}

	@Override
	public FileStamp stamp() throws IOException {
		return FileStamp.of(this.file);
	}

	@Override
	public Cursor open() throws IOException {
		TextRowReader reader = reader(Files.newInputStream(this.file));
		return new Cursor() {

			@Override
			public @Nullable InputRow next() throws IOException {
				return FileInput.this.next(reader);
			}

			@Override
			public void close() throws IOException {
				reader.close();
			}

		};
	}

	private TextRowReader reader(InputStream in) throws IOException {
		try {
			return TextRowReader.open(in, this.format, this.idColumn);
		}
		catch (DatasetFormatException ex) {
			in.close();
			throw ex.in(this.file.toString());
		}
	}

	private @Nullable InputRow next(TextRowReader reader) throws IOException {
		try {
			return reader.next();
		}
		catch (DatasetFormatException ex) {
			throw ex.in(this.file.toString());
		}
	}

}
