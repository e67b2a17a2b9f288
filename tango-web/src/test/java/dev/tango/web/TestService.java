package dev.tango.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.HtmlUtils;

import dev.tango.web.body.StrictBodyFilter;

/**
 * A service with the hardened Tomcat: {@code POST /echo} reads its body, {@code GET
 * /hello} has none, {@code /secured/**} refuses, from the headers alone, requests without
 * {@code X-Key: key}, and the {@link StrictBodyFilter} refuses a {@code Content-Type}
 * that is a pattern with 415 before the body is read; {@code GET /params} takes
 * single-valued parameters and a repeatable {@code tag}; {@code POST /upload} and
 * {@code /upload-part} take one file part, as a parameter and as a part. Problems that
 * only their status describes have the type {@code .../test-STATUS}, titled
 * {@code Test STATUS}; a browser (accepting {@code text/html} alone) gets them as a bare
 * page.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestService {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> keyFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						if (!"key".equals(request.getHeader("X-Key"))) {
							response.setStatus(401);
							response.setHeader(HttpHeaders.CONNECTION, "close");
							response.getWriter().write("no key");
							return;
						}
						chain.doFilter(request, response);
					}
				});
		registration.addUrlPatterns("/secured/*");
		return registration;
	}

	@Bean
	BrowserErrorPages browserErrorPages() {
		return (request, status, title, detail) -> "text/html".equals(request.getHeader("Accept"))
				? "<p>" + status + " " + HtmlUtils.htmlEscape(detail) + "</p>" : null;
	}

	@Bean
	StatusProblemKinds statusProblemKinds() {
		return (status) -> new StatusProblemKinds.ProblemKind(URI.create("https://tango.dev/problems/test-" + status),
				"Test " + status);
	}

	@Bean
	FilterRegistrationBean<StrictBodyFilter> strictBodyFilter(HandlerExceptionResolver handlerExceptionResolver) {
		return StrictBodyFilter.registration(handlerExceptionResolver, 0);
	}

	/** Writes problems as the services do, through Spring MVC's base advice. */
	@RestControllerAdvice
	static class Problems extends ResponseEntityExceptionHandler {

	}

	@RestController
	static class Endpoints {

		@PostMapping({ "/echo", "/secured/echo", "/v2/echo" })
		String echo(@RequestBody String body) {
			return "read " + body.length();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@PostMapping("/upload")
		String upload(@RequestParam("file") MultipartFile file) {
			return "read " + file.getSize();
		}

		@PostMapping("/upload-part")
		String uploadPart(@RequestPart MultipartFile file) {
			return "read " + file.getSize();
		}

		@GetMapping("/params")
		String params(@RequestParam int limit, @RequestParam("from") Optional<String> from,
				@RequestParam(name = "tag", required = false) @Nullable List<String> tags) {
			return limit + " " + from.orElse("-") + " " + ((tags != null) ? tags : List.of());
		}

	}

}
