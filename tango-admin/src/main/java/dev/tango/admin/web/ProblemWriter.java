package dev.tango.admin.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem where no controller advice reaches, such as the security filters: as
 * the {@link ProblemPage} to a client that {@linkplain ProblemPage#preferredBy prefers
 * it}, else as {@code application/problem+json} whose instance is the request's path.
 * Headers set before are kept. Thread-safe.
 */
@Component
public class ProblemWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProblemPage page;

	ProblemWriter(ProblemPage page) {
		this.page = page;
	}

	/**
	 * Writes a problem as the whole response.
	 * @param request the request
	 * @param response the response, not committed
	 * @param problem the problem
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (ProblemPage.preferredBy(request)) {
			this.page.write(problem, request, response);
			return;
		}
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

}
