package dev.tango.runtime.head;

import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Decodes base64 text as it is written, character by character, so that a long string
 * streamed from a file is never held whole: standard base64 (RFC 4648, alphabet
 * {@code A–Z a–z 0–9 + /}), the final padding optional, accepting and decoding exactly
 * what {@link java.util.Base64#getDecoder()} accepts and decodes (no white space, no line
 * breaks, no padding before the end, no lone final character). The first problem is
 * remembered rather than thrown, and nothing after it is decoded. Not thread-safe.
 */
final class Base64Decoding extends Writer {

	private static final int[] VALUES = new int[128];

	static {
		Arrays.fill(VALUES, -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		for (int i = 0; i < alphabet.length(); i++) {
			VALUES[alphabet.charAt(i)] = i;
		}
	}

	private final IntConsumer bytes;

	private long offset;

	private int bits;

	private int group;

	private boolean padded;

	private boolean secondPadMissing;

	private @Nullable String problem;

	/**
	 * Creates a decoder.
	 * @param bytes receives each decoded byte, as a value in {@code [0, 255]}
	 */
	Base64Decoding(IntConsumer bytes) {
		this.bytes = bytes;
	}

	@Override
	public void write(char[] buffer, int from, int length) {
		for (int i = from; i < from + length && this.problem == null; i++) {
			accept(buffer[i]);
			this.offset++;
		}
	}

	@Override
	public void write(int c) {
		if (this.problem == null) {
			accept((char) c);
			this.offset++;
		}
	}

	/**
	 * Ends the text: decodes a final group without padding.
	 * @return the first problem of the whole text, or {@code null} if it was valid base64
	 */
	@Nullable String finish() {
		if (this.problem == null) {
			if (this.secondPadMissing) {
				this.problem = "the padding at offset " + (this.offset - 1) + " needs a second '='";
			}
			else if (!this.padded) {
				endGroup(this.group);
			}
		}
		return this.problem;
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	private void accept(char c) {
		if (this.padded) {
			if (c == '=' && this.secondPadMissing) {
				this.secondPadMissing = false;
			}
			else {
				this.problem = "character " + describe(c) + " at offset " + this.offset + " follows the padding";
			}
			return;
		}
		if (c == '=') {
			if (this.group < 2) {
				this.problem = "padding '=' at offset " + this.offset + " after " + this.group
						+ " character(s) of a group of four; it may only follow 2 or 3";
				return;
			}
			this.padded = true;
			this.secondPadMissing = this.group == 2;
			endGroup(this.group);
			return;
		}
		int value = (c < VALUES.length) ? VALUES[c] : -1;
		if (value < 0) {
			this.problem = "illegal character " + describe(c) + " at offset " + this.offset;
			return;
		}
		this.bits = (this.bits << 6) | value;
		if (++this.group == 4) {
			this.bytes.accept((this.bits >> 16) & 0xff);
			this.bytes.accept((this.bits >> 8) & 0xff);
			this.bytes.accept(this.bits & 0xff);
			this.bits = 0;
			this.group = 0;
		}
	}

	/** Decodes the bytes of a final group of 0, 2 or 3 characters. */
	private void endGroup(int characters) {
		switch (characters) {
			case 0 -> {
			}
			case 2 -> this.bytes.accept((this.bits >> 4) & 0xff);
			case 3 -> {
				this.bytes.accept((this.bits >> 10) & 0xff);
				this.bytes.accept((this.bits >> 2) & 0xff);
			}
			default -> this.problem = "the last group has a single character, too few for a byte";
		}
	}

	private static String describe(char c) {
		return String.format(Locale.ROOT, "U+%04X", (int) c);
	}

}
