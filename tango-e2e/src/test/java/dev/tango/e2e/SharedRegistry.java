package dev.tango.e2e;

import java.util.List;

import dev.tango.models.testsupport.PostgresTestDatabase;

/**
 * The PostgreSQL registry that every service of a test shares: a Testcontainers container
 * where Docker runs, otherwise a fresh schema on the server named by
 * {@code TANGO_TEST_POSTGRES_URL} ({@link PostgresTestDatabase#start()}). Closing it
 * stops the container or drops the schema.
 */
final class SharedRegistry implements AutoCloseable {

	private final PostgresTestDatabase.Database database;

	private final List<String> arguments;

	private SharedRegistry(PostgresTestDatabase.Database database) {
		this.database = database;
		this.arguments = database.springProperties()
			.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toList();
	}

	/**
	 * Starts a container, or creates a schema.
	 * @return the registry
	 */
	static SharedRegistry start() {
		return new SharedRegistry(PostgresTestDatabase.start());
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
		this.database.close();
	}

}
