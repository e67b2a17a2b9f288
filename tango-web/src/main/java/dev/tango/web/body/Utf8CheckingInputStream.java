package dev.tango.web.body;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes bytes through unchanged while checking that they are well-formed UTF-8, with the
 * JDK's strict decoder: overlong forms (such as {@code C0 AF} or {@code E0 80 AF}),
 * encoded surrogates, code points above U+10FFFF, stray continuation bytes and a sequence
 * cut off by the end of the stream fail the read that meets them with
 * {@link MalformedUtf8Exception}. Parsers that decode UTF-8 leniently (Jackson accepts
 * overlong forms) can read through it. Not thread-safe, like any stream.
 */
public final class Utf8CheckingInputStream extends FilterInputStream {

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final CharBuffer sink = CharBuffer.allocate(4096);

	/** The bytes of a sequence begun at the end of the last chunk (at most 3). */
	private byte[] carry = new byte[0];

	/** The stream offset of the first byte of {@link #carry}, or of the next chunk. */
	private long offset;

	private boolean ended;

	/**
	 * Wraps a stream.
	 * @param in the bytes to check
	 */
	public Utf8CheckingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			end();
		}
		else {
			check(new byte[] { (byte) b }, 0, 1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int off, int len) throws IOException {
		int n = this.in.read(buffer, off, len);
		if (n < 0) {
			end();
		}
		else {
			check(buffer, off, n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] skipped = new byte[(int) Math.min(n, 8192)];
		int read = read(skipped, 0, skipped.length);
		return Math.max(0, read);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void check(byte[] buffer, int off, int len) throws MalformedUtf8Exception {
		if (len == 0) {
			return;
		}
		ByteBuffer bytes;
		if (this.carry.length == 0) {
			bytes = ByteBuffer.wrap(buffer, off, len);
		}
		else {
			byte[] joined = Arrays.copyOf(this.carry, this.carry.length + len);
			System.arraycopy(buffer, off, joined, this.carry.length, len);
			bytes = ByteBuffer.wrap(joined);
		}
		int start = bytes.position();
		decode(bytes, start, false);
		this.offset += bytes.position() - start;
		this.carry = new byte[bytes.remaining()];
		bytes.get(this.carry);
	}

	private void end() throws MalformedUtf8Exception {
		if (this.ended) {
			return;
		}
		this.ended = true;
		decode(ByteBuffer.wrap(this.carry), 0, true);
		this.sink.clear();
		if (this.decoder.flush(this.sink).isError()) {
			throw new MalformedUtf8Exception(this.offset);
		}
	}

	private void decode(ByteBuffer bytes, int start, boolean endOfInput) throws MalformedUtf8Exception {
		CoderResult result;
		do {
			this.sink.clear();
			result = this.decoder.decode(bytes, this.sink, endOfInput);
		}
		while (result.isOverflow());
		if (result.isError()) {
			throw new MalformedUtf8Exception(this.offset + bytes.position() - start);
		}
	}

	/**
	 * Bytes that are not well-formed UTF-8.
	 */
	public static final class MalformedUtf8Exception extends CharacterCodingException {

		private static final long serialVersionUID = 1L;

		private final long offset;

		MalformedUtf8Exception(long offset) {
			this.offset = offset;
		}

		/**
		 * Returns where the malformed sequence starts.
		 * @return its offset in bytes from the start of the stream
		 */
		public long offset() {
			return this.offset;
		}

		@Override
		public String getMessage() {
			return "not valid UTF-8 (byte offset " + this.offset + ")";
		}

	}

}
