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
import java.util.zip.GZIPInputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
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
 * may name {@code gzip} once, and any other list is refused. Refusals are rendered by the
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
		if (!codings.isEmpty() && !gzip) {
			this.errors.resolveException(request, response, null, new UnsupportedContentEncodingException(encoding));
			return;
		}
		if (request.getContentLengthLong() > this.maxBytes) {
			this.errors.resolveException(request, response, null, new BodyTooLargeException(this.maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes, gzip), response);
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
				stream = this.gzip ? new GZIPInputStream(new CountingInputStream(this.raw, this.maxBytes), 8192)
						: this.raw;
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

	/** Bounds the compressed bytes of a gzip body too. */
	private static final class CountingInputStream extends InputStream {

		private final InputStream in;

		private final long maxBytes;

		private long count;

		CountingInputStream(InputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0 && ++this.count > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
				if (this.count > this.maxBytes) {
					throw new BodyTooLargeException(this.maxBytes);
				}
			}
			return n;
		}

	}

}
