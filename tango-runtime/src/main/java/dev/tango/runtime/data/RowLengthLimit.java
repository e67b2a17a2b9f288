package dev.tango.runtime.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

import org.jspecify.annotations.Nullable;

/**
 * Bounds the characters read for one row of a file: a reader between the decoder and the
 * parsers that counts what is read since the row began ({@link #startRow}) and fails once
 * the count passes the limit. A quote that is never closed, or a line that never ends,
 * would otherwise be read whole into memory, however large the file. The count includes
 * what the readers above read ahead (one buffer at most), so the limit holds a row of the
 * longest size allowed with room to spare. Not thread-safe.
 */
final class RowLengthLimit extends FilterReader {

	private final long limit;

	private long read;

	/**
	 * Bounds a reader.
	 * @param in the decoded characters
	 * @param limit the most characters read for one row
	 */
	RowLengthLimit(Reader in, long limit) {
		super(in);
		this.limit = limit;
	}

	/** Starts counting a new row. */
	void startRow() {
		this.read = 0;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		if (c >= 0) {
			count(1);
		}
		return c;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		count(skipped);
		return skipped;
	}

	private void count(long n) throws RowTooLongException {
		this.read += n;
		if (this.read > this.limit) {
			throw new RowTooLongException(this.limit);
		}
	}

	/** A row longer than the limit, or a quote or line that does not end. */
	static final class RowTooLongException extends IOException {

		private static final long serialVersionUID = 1L;

		private final long limit;

		RowTooLongException(long limit) {
			super("a row runs past " + limit + " characters");
			this.limit = limit;
		}

		/**
		 * Describes the refusal for people.
		 * @param what what ran past the limit, such as {@code the header}
		 * @return the sentence
		 */
		String describe(String what) {
			return what + " runs past " + this.limit
					+ " characters: a quote that is never closed, or a line that never ends";
		}

		/**
		 * Finds the refusal in a failure or its cause.
		 * @param failure what a parser threw
		 * @return the refusal, or {@code null} if it was not one
		 */
		static @Nullable RowTooLongException in(Throwable failure) {
			if (failure instanceof RowTooLongException tooLong) {
				return tooLong;
			}
			return (failure.getCause() instanceof RowTooLongException tooLong) ? tooLong : null;
		}

	}

}
