package dev.tango.api.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.tango.web.body.BlockingBodyStream;

/**
 * Bounds request bodies before they are parsed: a declared {@code Content-Length} above
 * the limit is refused at once, and a body without one (chunked) is cut off as soon as it
 * passes the limit. A {@code gzip} body is decompressed, and the limit applies to the
 * decompressed bytes as well as the compressed ones. The {@code Content-Encoding} lines
 * are read together as one list, as HTTP defines them: {@code identity} codings aside, it
 * may name {@code gzip} once, and any other list is refused; the coding of a request
 * without a body is not looked at. A gzip body must be gzip members to its last byte:
 * bytes after them are refused as a corrupt body. Refusals are rendered by the
 * application's exception handler.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final HandlerExceptionResolver errors;

	RequestBodyLimitFilter(long maxBytes, HandlerExceptionResolver errors) {
		this.maxBytes = maxBytes;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Every Content-Encoding line counts, in order, as one comma-separated list.
		String encoding = String.join(", ", Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING)));
		List<String> codings = Arrays.stream(encoding.split(","))
			.map((coding) -> coding.trim().toLowerCase(Locale.ROOT))
			.filter((coding) -> !coding.isEmpty() && !coding.equals("identity"))
			.toList();
		boolean gzip = codings.size() == 1 && (codings.get(0).equals("gzip") || codings.get(0).equals("x-gzip"));
		if (!codings.isEmpty() && !gzip && hasBody(request)) {
			this.errors.resolveException(request, response, null, new UnsupportedContentEncodingException(encoding));
			return;
		}
		if (request.getContentLengthLong() > this.maxBytes) {
			this.errors.resolveException(request, response, null, new BodyTooLargeException(this.maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes, gzip), response);
	}

	/** Whether a request declares a body: a length above zero, or chunks. */
	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	/** A request whose body is read through the limit (and decompressed). */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private final boolean gzip;

		private @Nullable ServletInputStream body;

		LimitedRequest(HttpServletRequest request, long maxBytes, boolean gzip) {
			super(request);
			this.maxBytes = maxBytes;
			this.gzip = gzip;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream stream = this.body;
			if (stream == null) {
				stream = new LimitedInputStream(super.getInputStream(), this.maxBytes, this.gzip);
				this.body = stream;
			}
			return stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public @Nullable String getHeader(String name) {
			if (this.gzip && isDecodedAway(name)) {
				return null;
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if (this.gzip && isDecodedAway(name)) {
				return Collections.emptyEnumeration();
			}
			return super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			if (!this.gzip) {
				return super.getHeaderNames();
			}
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isDecodedAway(name)).toList());
		}

		@Override
		public int getContentLength() {
			return this.gzip ? -1 : super.getContentLength();
		}

		@Override
		public long getContentLengthLong() {
			return this.gzip ? -1 : super.getContentLengthLong();
		}

		private static boolean isDecodedAway(String header) {
			return header.equalsIgnoreCase(HttpHeaders.CONTENT_ENCODING)
					|| header.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH);
		}

	}

	/**
	 * Counts the bytes read and fails with {@link BodyTooLargeException} past the limit;
	 * decompresses lazily, so that a corrupt gzip body fails on the first read.
	 */
	private static final class LimitedInputStream extends BlockingBodyStream {

		private final long maxBytes;

		private final boolean gzip;

		private @Nullable InputStream in;

		private long count;

		private boolean finished;

		LimitedInputStream(ServletInputStream raw, long maxBytes, boolean gzip) {
			super(raw);
			this.maxBytes = maxBytes;
			this.gzip = gzip;
		}

		private InputStream in() throws IOException {
			InputStream stream = this.in;
			if (stream == null) {
				stream = this.gzip ? new GzipBody(new CountingInputStream(this.raw, this.maxBytes)) : this.raw;
				this.in = stream;
			}
			return stream;
		}

		@Override
		public int read() throws IOException {
			int b = in().read();
			if (b < 0) {
				this.finished = true;
				return b;
			}
			count(1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in().read(buffer, offset, length);
			if (n < 0) {
				this.finished = true;
				return n;
			}
			count(n);
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.count += n;
			if (this.count > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.finished;
		}

		@Override
		public boolean isReady() {
			return true;
		}

	}

	/**
	 * A gzip body decompressed: its members one after the other, and nothing after them.
	 * A body that is not gzip to its last byte fails with a {@link ZipException} that
	 * says why; a failure to read the body itself (the client left) and the limit pass
	 * through as they are.
	 */
	private static final class GzipBody extends InputStream {

		private final CountingInputStream compressed;

		private @Nullable InputStream members;

		GzipBody(CountingInputStream compressed) {
			this.compressed = compressed;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try {
				InputStream stream = this.members;
				if (stream == null) {
					stream = new GzipCompressorInputStream(this.compressed, true);
					this.members = stream;
				}
				return stream.read(buffer, offset, length);
			}
			catch (IOException ex) {
				if (ex instanceof BodyTooLargeException || this.compressed.failed) {
					throw ex;
				}
				ZipException corrupt = new ZipException(
						(ex.getMessage() != null) ? ex.getMessage() : "it ends before its last gzip member does");
				corrupt.initCause(ex);
				throw corrupt;
			}
		}

	}

	/**
	 * Bounds the compressed bytes of a gzip body too, and tells a failure to read them
	 * from a failure to decompress them.
	 */
	private static final class CountingInputStream extends InputStream {

		private final InputStream in;

		private final long maxBytes;

		private long count;

		/** Whether reading the compressed bytes failed (not their decompression). */
		private boolean failed;

		CountingInputStream(InputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = raw(() -> this.in.read());
			if (b >= 0 && ++this.count > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = raw(() -> this.in.read(buffer, offset, length));
			if (n > 0) {
				this.count += n;
				if (this.count > this.maxBytes) {
					throw new BodyTooLargeException(this.maxBytes);
				}
			}
			return n;
		}

		private int raw(Read read) throws IOException {
			try {
				return read.read();
			}
			catch (IOException ex) {
				this.failed = true;
				throw ex;
			}
		}

		/** A read of the compressed bytes. */
		@FunctionalInterface
		private interface Read {

			int read() throws IOException;

		}

	}

}
