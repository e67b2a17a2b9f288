package dev.tango.admin.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers {@code /error}, where the container sends what failed outside Spring MVC's
 * handlers (a static resource's range that cannot be served, an exception escaping a
 * filter), in place of Spring Boot's error controller: a problem with the admin's type
 * and title for its status, written as JSON or as the {@link ProblemPage} like every
 * other problem. A client error keeps the container's reason; a server error's cause is
 * logged by the container and not echoed. {@code /error} opened directly is 404.
 */
@Controller
class AdminErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)
				? HttpStatus.resolve(code) : null;
		if (status == null || !status.isError()) {
			return problem(HttpStatus.NOT_FOUND, "No page here");
		}
		String message = (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String text) ? text : "";
		String detail = (status.is4xxClientError() && !message.isBlank()) ? message
				: "The request failed with status " + status.value() + " (" + status.getReasonPhrase() + ")";
		return problem(status, detail);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status)
			.body(ProblemResponses.typeByStatus(ProblemDetail.forStatusAndDetail(status, detail)));
	}

}
