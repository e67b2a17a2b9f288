package dev.tango.api.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.runtime.text.Utf8CheckingInputStream;

/**
 * Refuses JSON bodies that are not well-formed UTF-8. JSON is UTF-8 (RFC 8259), but
 * Jackson decodes overlong forms such as {@code C0 AF} as if they were the shortest one
 * ({@code /}); read through this filter, such a body fails with
 * {@link Utf8CheckingInputStream.MalformedUtf8Exception}, which the exception handler
 * answers with 400. Bodies of other media types pass unchanged.
 */
final class Utf8BodyFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(isJson(request.getContentType()) ? new CheckedRequest(request) : request, response);
	}

	static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return "application".equals(type.getType())
					&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** A request whose body is checked as it is read. */
	private static final class CheckedRequest extends HttpServletRequestWrapper {

		private @Nullable ServletInputStream body;

		CheckedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream stream = this.body;
			if (stream == null) {
				stream = new CheckedInputStream(super.getInputStream());
				this.body = stream;
			}
			return stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

	private static final class CheckedInputStream extends ServletInputStream {

		private final ServletInputStream raw;

		private final Utf8CheckingInputStream checked;

		CheckedInputStream(ServletInputStream raw) {
			this.raw = raw;
			this.checked = new Utf8CheckingInputStream(raw);
		}

		@Override
		public int read() throws IOException {
			return this.checked.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return this.checked.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.raw.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.raw.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("Non-blocking reads are not supported");
		}

		@Override
		public void close() throws IOException {
			this.raw.close();
		}

	}

}
