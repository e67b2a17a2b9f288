package dev.tango.admin.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details; {@link ProblemWriter} writes them where no controller advice
 * reaches.
 */
public final class ProblemResponses {

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
