package dev.tango.models.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;

/**
 * Finds the PostgreSQL server tests run against. Where Docker runs, tests use a
 * Testcontainers container; otherwise the server named by the environment variables
 * {@code TANGO_TEST_POSTGRES_URL} (a JDBC URL), {@code TANGO_TEST_POSTGRES_USER} and
 * {@code TANGO_TEST_POSTGRES_PASSWORD} (optional), in a schema of their own.
 */
public final class PostgresTestDatabase {

	/** The image of the Testcontainers container. */
	public static final String IMAGE = "postgres:15-alpine";

	private static @Nullable Boolean dockerAvailable;

	private PostgresTestDatabase() {
	}

	/**
	 * Whether Testcontainers can start containers here.
	 * @return {@code true} if Docker is available
	 */
	public static synchronized boolean dockerAvailable() {
		Boolean available = dockerAvailable;
		if (available == null) {
			try {
				available = DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException ex) {
				available = false;
			}
			dockerAvailable = available;
		}
		return available;
	}

	/**
	 * Creates a fresh schema {@code tango_it_<random>} on the server named by the
	 * environment.
	 * @return the schema
	 * @throws IllegalStateException if no server is named
	 */
	public static Schema createSchema() {
		String url = System.getenv("TANGO_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			throw new IllegalStateException("Tests need PostgreSQL: Docker for Testcontainers is not available, "
					+ "so set TANGO_TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test), "
					+ "TANGO_TEST_POSTGRES_USER and, if needed, TANGO_TEST_POSTGRES_PASSWORD");
		}
		String user = System.getenv().getOrDefault("TANGO_TEST_POSTGRES_USER", "postgres");
		String password = System.getenv().getOrDefault("TANGO_TEST_POSTGRES_PASSWORD", "");
		String name = "tango_it_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		Schema schema = new Schema(url, user, password, name);
		schema.execute("CREATE SCHEMA " + name);
		return schema;
	}

	/**
	 * A schema of its own on a shared server.
	 *
	 * @param serverUrl the server's JDBC URL
	 * @param user the user
	 * @param password the password, possibly empty
	 * @param name the schema's name
	 */
	public record Schema(String serverUrl, String user, String password, String name) {

		/** A JDBC URL whose connections use this schema. */
		public String jdbcUrl() {
			return this.serverUrl + ((this.serverUrl.indexOf('?') >= 0) ? "&" : "?") + "currentSchema=" + this.name;
		}

		/** Drops the schema and everything in it. */
		public void drop() {
			execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}

		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.serverUrl, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot run '" + sql + "' on " + this.serverUrl, ex);
			}
		}

	}

}
