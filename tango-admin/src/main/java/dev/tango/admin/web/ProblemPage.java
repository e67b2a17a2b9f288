package dev.tango.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;

/**
 * A problem shown to a browser: the {@value #VIEW} page with the problem's status, title
 * and detail, in the pages' frame when the client is signed in, bare otherwise (the same
 * template renders Spring Boot's own error page). Whether a client gets it rather than
 * {@code application/problem+json} is decided by {@link #preferredBy}. Thread-safe.
 */
@Component
public class ProblemPage {

	/** The template of the page. */
	static final String VIEW = "error";

	private final ObjectProvider<ThymeleafViewResolver> views;

	ProblemPage(ObjectProvider<ThymeleafViewResolver> views) {
		this.views = views;
	}

	/**
	 * Whether a client asks for a page rather than JSON: {@code text/html} is, of the
	 * types its {@code Accept} header names with the highest quality (above 0), the first
	 * listed. A browser's navigation asks so; a client that accepts anything, names no
	 * type, prefers JSON or gives HTML a lower quality does not.
	 * @param request the request
	 * @return whether to answer with the page
	 */
	public static boolean preferredBy(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return types.stream()
			.filter((type) -> type.getQualityValue() > 0)
			.max(Comparator.comparingDouble(MediaType::getQualityValue))
			.filter((first) -> first.getType().equals("text") && first.getSubtype().equals("html"))
			.isPresent();
	}

	/**
	 * Whether the client of the current request is signed in (not anonymous), and so is
	 * shown the pages' navigation.
	 * @return whether it is signed in
	 */
	static boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	/**
	 * Renders the page of a problem raised below the application, where no view can be
	 * rendered (the request never reached it): the error view's content, bare (no
	 * navigation, no script), as plain HTML. No security filter adds headers to it, so it
	 * carries its {@link ContentSecurityPolicy} in a {@code <meta>} element.
	 * @param status the status
	 * @param title what the status means
	 * @param detail what went wrong; escaped here
	 * @return the whole page
	 */
	static String bare(int status, String title, String detail) {
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<meta http-equiv="Content-Security-Policy" content="%4$s">
				<title>%1$s · Tango admin</title>
				<link rel="stylesheet" href="/admin.css">
				</head>
				<body>
				<main>
				<h1 id="problem-title">%1$s</h1>
				<p class="error" id="problem-detail">%2$s</p>
				<p class="note">HTTP %3$d. <a href="/">Back to the cascades and jobs</a></p>
				</main>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(detail), status,
				ContentSecurityPolicy.META);
	}

	/**
	 * Writes the page as the whole response, with the problem's status; headers set
	 * before (such as {@code Retry-After}) are kept. The page is rendered in full before
	 * anything is written.
	 * @param problem the problem
	 * @param request the request
	 * @param response the response, not committed
	 * @throws IOException if the response cannot be written
	 */
	public void write(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		byte[] page = render(problem, request, response);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(page.length);
		response.getOutputStream().write(page);
	}

	/**
	 * Renders the page through the pages' view resolver, so that its frame is as on every
	 * page.
	 * @param problem the problem
	 * @param request the request
	 * @param response the response, to which no body is written (the view may set its
	 * content type)
	 * @return the page, UTF-8
	 * @throws IOException if the page cannot be rendered
	 */
	byte[] render(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ContentCachingResponseWrapper buffer = new ContentCachingResponseWrapper(response);
		try {
			View view = this.views.getObject().resolveViewName(VIEW, RequestContextUtils.getLocale(request));
			if (view == null) {
				throw new IOException("No view named " + VIEW);
			}
			view.render(Map.of("status", problem.getStatus(), "title", String.valueOf(problem.getTitle()), "detail",
					String.valueOf(problem.getDetail()), "signedIn", signedIn()), request, buffer);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("The problem page could not be rendered", ex);
		}
		return buffer.getContentAsByteArray();
	}

}
