package dev.tango.admin.testing;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on the problem responses (RFC 9457, {@code application/problem+json}) of the
 * service under test.
 */
public final class Problems {

	/** What every problem type of the service starts with. */
	public static final String TYPES = "https://tango.dev/problems/";

	private Problems() {
	}

	/**
	 * Asserts that a response is a problem of a status, as
	 * {@code application/problem+json}.
	 * @param response the response
	 * @param status the status it must have
	 * @return the problem
	 */
	public static JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		return AdminHttp.json(response);
	}

	/**
	 * Asserts that a response is a problem of a status and type whose detail contains
	 * some texts.
	 * @param response the response
	 * @param status the status it must have
	 * @param type its type, after {@value #TYPES}, such as {@code not-found}
	 * @param detail what its detail must contain, if anything
	 * @return the problem
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status, String type, String... detail) {
		JsonNode problem = problem(response, status);
		assertThat(problem.get("type").asString()).isEqualTo(TYPES + type);
		if (detail.length > 0) {
			assertThat(problem.get("detail").asString()).contains(detail);
		}
		return problem;
	}

}
