package dev.tango.e2e;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import dev.tango.models.testsupport.PostgresTestDatabase;

/**
 * The PostgreSQL registry that every service of a test shares: a Testcontainers container
 * where Docker runs, otherwise a fresh schema on the server named by
 * {@code TANGO_TEST_POSTGRES_URL} ({@link PostgresTestDatabase}). Closing it stops the
 * container or drops the schema.
 */
final class SharedRegistry implements AutoCloseable {

	private final @Nullable PostgreSQLContainer container;

	private final PostgresTestDatabase.@Nullable Schema schema;

	private final List<String> arguments;

	private SharedRegistry(@Nullable PostgreSQLContainer container, PostgresTestDatabase.@Nullable Schema schema,
			List<String> arguments) {
		this.container = container;
		this.schema = schema;
		this.arguments = List.copyOf(arguments);
	}

	/**
	 * Starts a container, or creates a schema.
	 * @return the registry
	 */
	static SharedRegistry start() {
		if (PostgresTestDatabase.dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(PostgresTestDatabase.IMAGE));
			container.start();
			return new SharedRegistry(container, null,
					datasource(container.getJdbcUrl(), container.getUsername(), container.getPassword()));
		}
		PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema();
		List<String> arguments = datasource(schema.jdbcUrl(), schema.user(), schema.password());
		arguments.add("--spring.flyway.schemas=" + schema.name());
		arguments.add("--spring.flyway.default-schema=" + schema.name());
		return new SharedRegistry(null, schema, arguments);
	}

	/**
	 * Returns the command-line arguments that point a service at this registry.
	 * @return Spring Boot arguments ({@code --name=value})
	 */
	List<String> arguments() {
		return this.arguments;
	}

	@Override
	public void close() {
		if (this.container != null) {
			this.container.stop();
		}
		if (this.schema != null) {
			this.schema.drop();
		}
	}

	private static List<String> datasource(String url, String user, String password) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--spring.datasource.url=" + url);
		arguments.add("--spring.datasource.username=" + user);
		arguments.add("--spring.datasource.password=" + password);
		return arguments;
	}

}
