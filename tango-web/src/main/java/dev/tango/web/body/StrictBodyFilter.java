package dev.tango.web.body;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies a service would misread. A {@code Content-Type} that is a
 * pattern (such as {@code application/*}) or not a media type at all is refused with 415
 * before any handler reads the body. JSON is UTF-8 (RFC 8259), but Jackson decodes
 * overlong forms such as {@code C0 AF} as if they were the shortest one ({@code /}): a
 * JSON body is read through {@link Utf8CheckingInputStream}, and one that is not
 * well-formed UTF-8 fails with {@link Utf8CheckingInputStream.MalformedUtf8Exception},
 * which the application's exception handler answers with 400. Other bodies pass
 * unchanged. Refusals are handed to the application's {@link HandlerExceptionResolver} as
 * an {@link HttpMediaTypeNotSupportedException}, so each service renders them in its own
 * problem format.
 */
public final class StrictBodyFilter extends OncePerRequestFilter {

	private final HandlerExceptionResolver errors;

	/**
	 * Creates the filter.
	 * @param errors the application's exception resolver, which renders refusals
	 */
	public StrictBodyFilter(HandlerExceptionResolver errors) {
		this.errors = errors;
	}

	/**
	 * Registers a filter for every request path.
	 * @param errors the application's exception resolver, which renders refusals
	 * @param order the filter's place in the chain (lower runs first)
	 * @return the registration
	 */
	public static FilterRegistrationBean<StrictBodyFilter> registration(HandlerExceptionResolver errors, int order) {
		FilterRegistrationBean<StrictBodyFilter> registration = new FilterRegistrationBean<>(
				new StrictBodyFilter(errors));
		registration.addUrlPatterns("/*");
		registration.setOrder(order);
		return registration;
	}

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
			refuse(request, response, new HttpMediaTypeNotSupportedException(ex.getMessage()),
					"Content-Type '" + contentType + "' is not a media type this service reads (" + ex.getMessage()
							+ "): name the body's media type, such as application/json");
			return;
		}
		if (type.isWildcardType() || type.isWildcardSubtype()) {
			refuse(request, response, new HttpMediaTypeNotSupportedException(type, List
				.of(MediaType.APPLICATION_JSON), HttpMethod.valueOf(request.getMethod())), "Content-Type '"
						+ contentType
						+ "' is not supported: it is a pattern; name the body's media type, such as application/json");
			return;
		}
		boolean json = "application".equals(type.getType())
				&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		if (json && !isUtf8(type)) {
			refuse(request, response,
					new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON),
							HttpMethod.valueOf(request.getMethod())),
					"Content-Type '" + contentType
							+ "' is not supported: JSON is read as UTF-8 only (RFC 8259); send it in UTF-8");
			return;
		}
		chain.doFilter(json ? new CheckedRequest(request) : request, response);
	}

	/** Whether a JSON type names no charset, or UTF-8 (by any of its names). */
	private static boolean isUtf8(MediaType type) {
		String charset = type.getParameter("charset");
		if (charset == null) {
			return true;
		}
		try {
			return StandardCharsets.UTF_8.equals(Charset.forName(charset.replace("\"", "")));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response,
			HttpMediaTypeNotSupportedException refusal, String detail) {
		refusal.getBody().setDetail(detail);
		this.errors.resolveException(request, response, null, refusal);
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

	private static final class CheckedInputStream extends BlockingBodyStream {

		private final Utf8CheckingInputStream checked;

		CheckedInputStream(ServletInputStream raw) {
			super(raw);
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

	}

}
