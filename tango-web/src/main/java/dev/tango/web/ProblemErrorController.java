package dev.tango.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers {@code /error}, where the container sends what failed outside Spring MVC's
 * handlers (a method Tomcat refuses itself, such as {@code TRACE}; a static resource's
 * range that cannot be served; an exception escaping a filter), in place of Spring Boot's
 * error controller. It raises the error as an {@link ErrorResponseException} that names
 * the request that failed as its instance, so that the service's controller advice, a
 * {@link org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler},
 * writes it as it writes every other problem of its status, with the service's type and
 * title. A client error keeps the container's reason; a server error's cause is logged by
 * the container and not echoed. {@code /error} opened directly is 404.
 */
@Controller
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	void error(HttpServletRequest request) {
		HttpStatus status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)
				? HttpStatus.resolve(code) : null;
		if (status == null || !status.isError()) {
			throw problem(HttpStatus.NOT_FOUND, "No page here");
		}
		String message = (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String text) ? text : "";
		ErrorResponseException problem = problem(status, (status.is4xxClientError() && !message.isBlank()) ? message
				: "The request failed with status " + status.value() + " (" + status.getReasonPhrase() + ")");
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) {
			try {
				problem.getBody().setInstance(new URI(failed));
			}
			catch (URISyntaxException ex) {
				// Not echoed: the problem stands without its instance.
			}
		}
		throw problem;
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
