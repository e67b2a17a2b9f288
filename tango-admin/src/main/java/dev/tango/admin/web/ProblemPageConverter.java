package dev.tango.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

/**
 * Writes the problem details that Spring MVC answers with as the {@link ProblemPage},
 * when the request {@linkplain ProblemPage#preferredBy prefers it}; otherwise it offers
 * nothing, and the problem stays {@code application/problem+json}. The status and headers
 * ({@code Retry-After}, {@code Allow}) are those of the JSON answer. Reads nothing.
 */
final class ProblemPageConverter implements HttpMessageConverter<ProblemDetail> {

	private final ProblemPage page;

	ProblemPageConverter(ProblemPage page) {
		this.page = page;
	}

	@Override
	public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
		return false;
	}

	@Override
	public boolean canWrite(Class<?> type, @Nullable MediaType mediaType) {
		return ProblemDetail.class.isAssignableFrom(type)
				&& (mediaType == null || mediaType.includes(MediaType.TEXT_HTML))
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& ProblemPage.preferredBy(attributes.getRequest());
	}

	@Override
	public List<MediaType> getSupportedMediaTypes() {
		return List.of(MediaType.TEXT_HTML);
	}

	@Override
	public ProblemDetail read(Class<? extends ProblemDetail> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("Problem pages are written, never read", input);
	}

	@Override
	public void write(ProblemDetail problem, @Nullable MediaType contentType, HttpOutputMessage output)
			throws IOException {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				|| !(output instanceof ServletServerHttpResponse response)) {
			throw new HttpMessageNotWritableException("A problem page is written only in answer to a request");
		}
		byte[] body = this.page.render(problem, attributes.getRequest(), response.getServletResponse());
		output.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		output.getBody().write(body);
		output.getBody().flush();
	}

}
