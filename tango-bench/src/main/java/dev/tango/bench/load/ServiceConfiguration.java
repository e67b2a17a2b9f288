package dev.tango.bench.load;

/**
 * The service configurations the load test compares.
 */
public enum ServiceConfiguration {

	/** The bundled cascade with the service's dynamic batching (its defaults). */
	BATCHING("a", "cascade, dynamic batching"),

	/** The bundled cascade with every stage's batch size 1: no batching. */
	UNBATCHED("b", "cascade, batching off"),

	/** The bundled cascade's last tier alone, dynamic batching. */
	LAST_TIER("c", "tier 2 alone, dynamic batching");

	private final String key;

	private final String title;

	ServiceConfiguration(String key, String title) {
		this.key = key;
		this.title = title;
	}

	/**
	 * Returns the short name used on the command line and in reports.
	 * @return such as {@code a}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Returns the report's title.
	 * @return such as {@code (a) cascade, dynamic batching}
	 */
	public String title() {
		return "(" + this.key + ") " + this.title;
	}

	/**
	 * Returns the configuration with a short name.
	 * @param key {@code a}, {@code b} or {@code c}
	 * @return the configuration
	 */
	public static ServiceConfiguration of(String key) {
		for (ServiceConfiguration configuration : values()) {
			if (configuration.key.equalsIgnoreCase(key)) {
				return configuration;
			}
		}
		throw new IllegalArgumentException("Unknown configuration " + key + ": a, b or c");
	}

}
