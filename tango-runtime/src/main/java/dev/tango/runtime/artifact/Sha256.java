package dev.tango.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 digests as lower-case hexadecimal strings of 64 characters.
 */
public final class Sha256 {

	private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

	private Sha256() {
	}

	/**
	 * Returns a new SHA-256 message digest.
	 * @return the digest
	 */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * Returns the hexadecimal form of a finished digest.
	 * @param digest the digest, which this call completes
	 * @return 64 lower-case hexadecimal characters
	 */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Returns the digest of a file's content.
	 * @param file the file
	 * @return the digest
	 * @throws IOException if the file cannot be read
	 */
	public static String of(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return of(in);
		}
	}

	/**
	 * Returns the digest of what remains in a stream, reading it to its end (the stream
	 * is not closed).
	 * @param in the stream
	 * @return the digest
	 * @throws IOException if the stream cannot be read
	 */
	public static String of(InputStream in) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[1 << 16];
		int n;
		while ((n = in.read(buffer)) > 0) {
			digest.update(buffer, 0, n);
		}
		return hex(digest);
	}

	/**
	 * Returns the digest of bytes.
	 * @param bytes the bytes
	 * @return the digest
	 */
	public static String of(byte[] bytes) {
		MessageDigest digest = newDigest();
		digest.update(bytes);
		return hex(digest);
	}

	/**
	 * Returns the digest of a string's UTF-8 encoding.
	 * @param text the text
	 * @return the digest
	 */
	public static String ofUtf8(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns whether a string is a well-formed digest: 64 lower-case hexadecimal
	 * characters.
	 * @param value the string
	 * @return {@code true} if well-formed
	 */
	public static boolean isValid(String value) {
		return HEX.matcher(value).matches();
	}

	/**
	 * Checks that a string is a well-formed digest: 64 lower-case hexadecimal characters.
	 * @param value the string
	 * @return {@code value}
	 * @throws IllegalArgumentException if it is not well-formed, with a message that
	 * quotes it
	 */
	public static String requireValid(String value) {
		if (!isValid(value)) {
			throw new IllegalArgumentException("Not a lower-case hexadecimal sha256: '" + value + "'");
		}
		return value;
	}

}
