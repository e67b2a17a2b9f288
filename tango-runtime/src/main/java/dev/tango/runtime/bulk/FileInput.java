package dev.tango.runtime.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * with {@code name:line:}; every message names the file by its {@code name} alone, so
 * that a service can keep its own directories out of what it tells its callers.
 *
 * @param file the file
 * @param name how messages and the {@link #description() description} name the file
 * @param format its format
 * @param idColumn the column or field that identifies each row, copied to the results, or
 * {@code null}
 */
public record FileInput(Path file, String name, DatasetFormat format, @Nullable String idColumn) implements BulkInput {

	public FileInput {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(format, "format");
	}

	/**
	 * A file named in messages by its path as given.
	 * @param file the file
	 * @param format its format
	 * @param idColumn the column or field that identifies each row, or {@code null}
	 */
	public FileInput(Path file, DatasetFormat format, @Nullable String idColumn) {
		this(file, file.toString(), format, idColumn);
	}

	@Override
	public String description() {
		return this.name;
	}

	/**
	 * Reads the file's header and its first row, to refuse a file that cannot be
	 * classified before any work starts: not UTF-8, no {@code text} column, no
	 * {@code idColumn}, or a first row that is not of the format (a TSV file read as
	 * JSONL, say). Later rows are checked as they are read.
	 * @throws DatasetFormatException if the header or the first row is refused
	 * @throws IOException if the file cannot be read
	 */
	public void checkHeaderAndFirstRow() throws IOException {
		try (TextRowReader reader = reader(stream())) {
			next(reader);
		}
	}

	@Override
	public Survey survey() throws IOException {
		FileStamp before = stamp();
		MessageDigest digest = Sha256.newDigest();
		long rows = 0;
		try (DigestInputStream in = new DigestInputStream(stream(), digest); TextRowReader reader = reader(in)) {
			while (next(reader) != null) {
				rows++;
			}
			in.transferTo(OutputStream.nullOutputStream());
		}
		FileStamp after = stamp();
		if (!after.equals(before)) {
			throw new InputChangedException(this.name + " changed while it was read: "
					+ InputChangedException.how(before, after) + "; run again once it is no longer written");
		}
		return new Survey(Sha256.hex(digest), rows, before);
	}

	@Override
	public FileStamp stamp() throws IOException {
		try {
			return FileStamp.of(this.file);
		}
		catch (FileSystemException ex) {
			throw named(ex);
		}
	}

	@Override
	public Cursor open() throws IOException {
		TextRowReader reader = reader(stream());
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

	private InputStream stream() throws IOException {
		try {
			return Files.newInputStream(this.file);
		}
		catch (FileSystemException ex) {
			throw named(ex);
		}
	}

	/**
	 * The same failure, of the same type, naming the file by its {@code name} alone: the
	 * JDK's names it by the path it was opened with, and is not kept as the cause, whose
	 * message would say the path again.
	 */
	private FileSystemException named(FileSystemException ex) {
		return switch (ex) {
			case NoSuchFileException missing -> new NoSuchFileException(this.name, null, "no such file");
			case AccessDeniedException denied -> new AccessDeniedException(this.name, null, "permission denied");
			default -> new FileSystemException(this.name, null, ex.getReason());
		};
	}

	private TextRowReader reader(InputStream in) throws IOException {
		try {
			return TextRowReader.open(in, this.format, this.idColumn);
		}
		catch (DatasetFormatException ex) {
			in.close();
			throw ex.in(this.name);
		}
	}

	private @Nullable InputRow next(TextRowReader reader) throws IOException {
		try {
			return reader.next();
		}
		catch (DatasetFormatException ex) {
			throw ex.in(this.name);
		}
	}

}
