package dev.tango.api.serving;

/**
 * No cascade of that name is active in the registry.
 */
public class CascadeNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String cascade;

	public CascadeNotFoundException(String cascade) {
		super("No active cascade is named '" + cascade + "'");
		this.cascade = cascade;
	}

	/**
	 * Returns the name asked for.
	 * @return the name
	 */
	public String cascade() {
		return this.cascade;
	}

}
