package dev.tango.admin.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpRange;

/**
 * A {@code Range} header that a downloaded file cannot satisfy: malformed, in another
 * unit than bytes, naming no range, starting past the file's end, or asking for more
 * ranges than the file holds. Answered with 416, a {@code Content-Range} giving the
 * file's length and a problem, where Spring MVC would answer 416 with the whole file as
 * the body.
 */
public class RangeNotSatisfiableException extends RuntimeException {

	private final long length;

	private RangeNotSatisfiableException(String message, long length) {
		super(message);
		this.length = length;
	}

	/**
	 * Checks that a file can satisfy a request's {@code Range} header, as Spring MVC will
	 * serve it.
	 * @param range the header, {@code null} where the request has none
	 * @param file the file to serve
	 * @throws RangeNotSatisfiableException where it cannot
	 * @throws UncheckedIOException where the file's length cannot be read
	 */
	public static void requireSatisfiable(@Nullable String range, Path file) {
		if (range == null) {
			return;
		}
		String reason;
		try {
			List<HttpRange> ranges = HttpRange.parseRanges(range);
			if (!ranges.isEmpty()) {
				HttpRange.toResourceRegions(ranges, new FileSystemResource(file));
				return;
			}
			reason = "it names no range";
		}
		catch (IllegalArgumentException ex) {
			reason = ex.getMessage();
		}
		long length = length(file);
		throw new RangeNotSatisfiableException("The Range header cannot be served from this file of " + length
				+ " bytes (" + reason + "). Ask for byte ranges within it, such as bytes=0-" + Math.max(0, length - 1)
				+ ", or leave the header out for the whole file.", length);
	}

	/**
	 * Returns the length of the file, for the response's {@code Content-Range}.
	 * @return the length in bytes
	 */
	public long length() {
		return this.length;
	}

	private static long length(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
