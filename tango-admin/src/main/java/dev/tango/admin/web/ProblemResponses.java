package dev.tango.admin.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.tango.web.StatusProblemKinds;
import dev.tango.web.StatusProblemKinds.ProblemKind;

/**
 * Builds problem details; {@link ProblemWriter} writes them where no controller advice
 * reaches.
 */
public final class ProblemResponses {

	/** The type and title of a problem of each status that the admin names. */
	private static final Map<Integer, ProblemKind> KINDS_BY_STATUS = Map.of(400,
			new ProblemKind(ProblemTypes.INVALID_REQUEST, "Invalid request"), 404,
			new ProblemKind(ProblemTypes.NOT_FOUND, "Not found"), 405,
			new ProblemKind(ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed"), 406,
			new ProblemKind(ProblemTypes.NOT_ACCEPTABLE, "Not acceptable"), 409,
			new ProblemKind(ProblemTypes.CONFLICT, "Conflict"), 413,
			new ProblemKind(ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large"), 415,
			new ProblemKind(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"), 416,
			new ProblemKind(ProblemTypes.RANGE_NOT_SATISFIABLE, "Range not satisfiable"), 500,
			new ProblemKind(ProblemTypes.INTERNAL, "Internal error"));

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
	 * Gives a problem raised below the admin's own handlers (by Spring MVC, or by the
	 * container through {@code /error}) the admin's type and title for its status.
	 * @param problem the problem, whose status is set
	 * @return the problem
	 */
	public static ProblemDetail typeByStatus(ProblemDetail problem) {
		ProblemKind kind = kindOf(problem.getStatus());
		problem.setType(kind.type());
		if (KINDS_BY_STATUS.containsKey(problem.getStatus())) {
			problem.setTitle(kind.title());
		}
		return problem;
	}

	/**
	 * Returns the admin's kind of problem of a status: the type and title its handlers
	 * give that status, else the type of an invalid request (4xx) or an internal failure,
	 * titled by the status's reason phrase.
	 * @param status the HTTP status
	 * @return the type and title
	 */
	public static ProblemKind kindOf(int status) {
		ProblemKind kind = KINDS_BY_STATUS.get(status);
		if (kind != null) {
			return kind;
		}
		return new ProblemKind((status < 500) ? ProblemTypes.INVALID_REQUEST : ProblemTypes.INTERNAL,
				StatusProblemKinds.reasonPhrase(status));
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
