package dev.tango.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The problem type and title a service gives an error of a status that nothing more
 * specific describes: one that Tomcat raised below the application, where no controller
 * advice reaches (a malformed request line or header, an unparsable {@code Accept}). A
 * service declares its own as a bean, the same its advice gives those statuses, so that
 * each type has one title; without one, such problems have the type {@code about:blank}
 * and the status's reason phrase.
 */
@FunctionalInterface
public interface StatusProblemKinds {

	/**
	 * The kinds of a service that declares none: {@code about:blank}, titled by the
	 * status's reason phrase.
	 */
	StatusProblemKinds ABOUT_BLANK = (status) -> new ProblemKind(URI.create("about:blank"), reasonPhrase(status));

	/**
	 * Returns the kind of a problem of a status.
	 * @param status the HTTP status, 400 to 599
	 * @return its type and title
	 */
	ProblemKind kindOf(int status);

	/**
	 * Returns what a status means, as HTTP names it.
	 * @param status the status
	 * @return its reason phrase, or {@code HTTP <status>} for a status HTTP does not name
	 */
	static String reasonPhrase(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status;
	}

	/**
	 * A kind of problem: its type, and the one title that type has.
	 *
	 * @param type the type URI
	 * @param title a short, fixed summary of the type
	 */
	record ProblemKind(URI type, String title) {

	}

}
