package dev.tango.web;

import java.net.URI;

/**
 * The problem type a service gives an error of a status that Tomcat raised below the
 * application, where no controller advice reaches (a malformed request line or header, an
 * unparsable {@code Accept}). A service declares its own as a bean, the types its advice
 * gives those statuses; without one, such problems have the type {@code about:blank}.
 */
@FunctionalInterface
public interface StatusProblemTypes {

	/**
	 * The types of a service that declares none: {@code about:blank} for every status.
	 */
	StatusProblemTypes ABOUT_BLANK = (status) -> URI.create("about:blank");

	/**
	 * Returns the type of a problem of a status.
	 * @param status the HTTP status, 400 to 599
	 * @return the type URI
	 */
	URI typeOf(int status);

}
