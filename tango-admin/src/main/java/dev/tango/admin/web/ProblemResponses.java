package dev.tango.admin.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details; {@link ProblemWriter} writes them where no controller advice
 * reaches.
 */
public final class ProblemResponses {

	/** The type and title of a problem of each status that the admin names. */
	private static final Map<Integer, Kind> KINDS_BY_STATUS = Map.of(400,
			new Kind(ProblemTypes.INVALID_REQUEST, "Invalid request"), 404,
			new Kind(ProblemTypes.NOT_FOUND, "Not found"), 405,
			new Kind(ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed"), 406,
			new Kind(ProblemTypes.NOT_ACCEPTABLE, "Not acceptable"), 409, new Kind(ProblemTypes.CONFLICT, "Conflict"),
			413, new Kind(ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large"), 415,
			new Kind(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"), 416,
			new Kind(ProblemTypes.RANGE_NOT_SATISFIABLE, "Range not satisfiable"), 500,
			new Kind(ProblemTypes.INTERNAL, "Internal error"));

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
		Kind kind = KINDS_BY_STATUS.get(problem.getStatus());
		problem.setType(typeOf(problem.getStatus()));
		if (kind != null) {
			problem.setTitle(kind.title());
		}
		return problem;
	}

	/**
	 * Returns the admin's type of a problem of a status: the type its handlers give that
	 * status, else that of an invalid request (4xx) or an internal failure.
	 * @param status the HTTP status
	 * @return the type
	 */
	public static URI typeOf(int status) {
		Kind kind = KINDS_BY_STATUS.get(status);
		if (kind != null) {
			return kind.type();
		}
		return (status < 500) ? ProblemTypes.INVALID_REQUEST : ProblemTypes.INTERNAL;
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

	/**
	 * The type and title given to a problem of a status.
	 *
	 * @param type the type
	 * @param title the title, as the admin's handlers title that type
	 */
	private record Kind(URI type, String title) {
	}

}
