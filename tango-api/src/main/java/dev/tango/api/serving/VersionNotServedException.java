package dev.tango.api.serving;

/**
 * A request named a version of a cascade other than the one that serves.
 */
public class VersionNotServedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public VersionNotServedException(String cascade, String requested, int served) {
		super("Cascade '" + cascade + "' serves version " + served + ", not version '" + requested + "'");
	}

}
