package dev.tango.admin.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details and writes them where no controller advice reaches, such as the
 * security filters.
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/**
	 * Creates a problem.
	 * @param status the HTTP status
	 * @param type the stable type URI
	 * @param title a short, fixed summary of the type
	 * @param detail what went wrong this time
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * Writes a problem as {@code application/problem+json}.
	 * @param request the request, whose path becomes the problem's instance
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException if the response cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", request.getRequestURI());
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), body);
	}

	/**
	 * Returns the problem for a request that Spring Security's firewall refuses (a URL,
	 * header or parameter name holding characters it does not accept), whether the
	 * refusal comes from the filter chain or later, when Spring MVC reads the parameters.
	 * It does not repeat the refused text.
	 * @return a 400 problem
	 */
	public static ProblemDetail rejectedRequest() {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				"The request was refused before it reached the application: its URL, a header or a parameter name "
						+ "holds characters that are not accepted.");
	}

}
