package dev.tango.admin.ui.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes a problem detail as the administration's {@code problem} page, for a client that
 * prefers {@code text/html}: a browser that follows a link to a job that does not exist,
 * opens a page with a bad parameter or finds the registry unreachable sees the problem's
 * title and detail in the pages' frame, with the status and headers ({@code Retry-After}
 * included) a program gets with {@code application/problem+json}. Registered after the
 * JSON converters, so that a client that accepts anything still gets JSON. Writes only
 * within a servlet request; reads nothing. Thread-safe.
 */
final class ProblemPageConverter implements HttpMessageConverter<ProblemDetail> {

	/** The template of the page. */
	static final String VIEW = "problem";

	private final ViewResolver views;

	ProblemPageConverter(ViewResolver views) {
		this.views = views;
	}

	@Override
	public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
		return false;
	}

	@Override
	public boolean canWrite(Class<?> type, @Nullable MediaType mediaType) {
		return ProblemDetail.class.isAssignableFrom(type)
				&& (mediaType == null || mediaType.includes(MediaType.TEXT_HTML))
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes;
	}

	@Override
	public List<MediaType> getSupportedMediaTypes() {
		return List.of(MediaType.TEXT_HTML);
	}

	@Override
	public ProblemDetail read(Class<? extends ProblemDetail> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("Problem pages are written, never read", input);
	}

	/**
	 * Renders the page into a buffer through the pages' view resolver (so the frame's
	 * links and its sign-out form's CSRF token are as on every page), then writes it.
	 */
	@Override
	public void write(ProblemDetail problem, @Nullable MediaType contentType, HttpOutputMessage output)
			throws IOException {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				|| !(output instanceof ServletServerHttpResponse response)) {
			throw new HttpMessageNotWritableException("A problem page is written only in answer to a request");
		}
		HttpServletRequest request = attributes.getRequest();
		ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response.getServletResponse());
		try {
			View view = this.views.resolveViewName(VIEW, RequestContextUtils.getLocale(request));
			if (view == null) {
				throw new HttpMessageNotWritableException("No view named " + VIEW);
			}
			view.render(Map.of("problem", problem), request, page);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new HttpMessageNotWritableException("The problem page could not be rendered", ex);
		}
		output.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		output.getBody().write(page.getContentAsByteArray());
		output.getBody().flush();
	}

}
