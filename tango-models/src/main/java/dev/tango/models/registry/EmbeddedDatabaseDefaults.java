package dev.tango.models.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults of the registry, with the lowest precedence: Hibernate only validates the
 * schema that Flyway owns, no open session in view, connections that fail within a few
 * seconds while the database is unreachable (a 3 s pool timeout; on PostgreSQL 3 s
 * connect and login timeouts) and, when no datasource is configured, an embedded H2
 * database file in PostgreSQL mode at {@code tango.registry.embedded-path} (default
 * {@code data/tango}, relative to the working directory) so that a fresh machine works
 * without a database server.
 * <p>
 * The embedded file is opened in H2's automatic mixed mode ({@code AUTO_SERVER=TRUE}):
 * the first process to open it serves it to the others over a loopback TCP port chosen by
 * H2, so tango-api and tango-admin can share one embedded registry on one machine; when
 * that process stops, another takes over.
 */
public final class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source this adds. */
	public static final String SOURCE_NAME = "tangoRegistryDefaults";

	/** How long a request waits for a pooled connection, in milliseconds. */
	static final String CONNECTION_TIMEOUT_MS = "3000";

	/** How long the pool waits for a connection to validate, in milliseconds. */
	static final String VALIDATION_TIMEOUT_MS = "2000";

	/** Settings of the embedded database's URL, after its file path. */
	static final String EMBEDDED_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
		defaults.put("spring.jpa.open-in-view", "false");
		// Fail fast while the database is unreachable, instead of Hikari's 30 s.
		defaults.put("spring.datasource.hikari.connection-timeout", CONNECTION_TIMEOUT_MS);
		defaults.put("spring.datasource.hikari.validation-timeout", VALIDATION_TIMEOUT_MS);
		if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
			// A server that accepts the connection but never answers holds a new
			// connection at most this long (seconds).
			defaults.put("spring.datasource.hikari.data-source-properties.connectTimeout", "3");
			defaults.put("spring.datasource.hikari.data-source-properties.loginTimeout", "3");
		}
		if (!environment.containsProperty("spring.datasource.url")
				&& !environment.containsProperty("spring.datasource.jndi-name")
				&& ClassUtils.isPresent("org.h2.Driver", getClass().getClassLoader())) {
			Path path = Path.of(environment.getProperty("tango.registry.embedded-path", "data/tango"))
				.toAbsolutePath()
				.normalize();
			defaults.put("spring.datasource.url", "jdbc:h2:file:" + path + EMBEDDED_SETTINGS);
			if (!environment.containsProperty("spring.datasource.username")) {
				defaults.put("spring.datasource.username", "sa");
			}
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
