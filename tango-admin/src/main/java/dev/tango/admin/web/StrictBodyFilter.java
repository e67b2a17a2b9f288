package dev.tango.admin.web;

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

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.runtime.text.Utf8CheckingInputStream;

/**
 * Refuses request bodies the service would misread. A {@code Content-Type} that is not
 * one concrete media type (a wildcard such as {@code application/*}, or no media type at
 * all) is answered 415 at once. A JSON body is read through
 * {@link Utf8CheckingInputStream}, because JSON is UTF-8 and Jackson decodes overlong
 * forms such as {@code C0 AF} as if they were {@code /}; such a body fails with
 * {@link Utf8CheckingInputStream.MalformedUtf8Exception}, which
 * {@link AdminExceptionHandler} answers with 400. Data set files are checked by their
 * parser, which names the line.
 */
final class StrictBodyFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType == null || contentType.isBlank()) {
			chain.doFilter(request, response);
			return;
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			refuse(request, response, "Content-Type '" + contentType + "' is not a media type: " + ex.getMessage());
			return;
		}
		if (type.isWildcardType() || type.isWildcardSubtype()) {
			refuse(request, response, "Content-Type '" + contentType
					+ "' is a pattern; name the body's media type, such as application/json");
			return;
		}
		boolean json = "application".equals(type.getType())
				&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		chain.doFilter(json ? new CheckedRequest(request) : request, response);
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
			throws IOException {
		ProblemResponses.write(request, response, ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", detail));
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

	}

}
