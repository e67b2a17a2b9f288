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
 * schema that Flyway owns, no open session in view, and, when no datasource is
 * configured, an embedded H2 database file in PostgreSQL mode at
 * {@code tango.registry.embedded-path} (default {@code data/tango}, relative to the
 * working directory) so that a fresh machine works without a database server.
 * <p>
 * The embedded file is opened in H2's automatic mixed mode ({@code AUTO_SERVER=TRUE}):
 * the first process to open it serves it to the others over a loopback TCP port chosen by
 * H2, so tango-api and tango-admin can share one embedded registry on one machine; when
 * that process stops, another takes over.
 */
public final class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source this adds. */
	public static final String SOURCE_NAME = "tangoRegistryDefaults";

	/** Settings of the embedded database's URL, after its file path. */
	static final String EMBEDDED_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
		defaults.put("spring.jpa.open-in-view", "false");
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
