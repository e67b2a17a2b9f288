package dev.tango.models.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the PostgreSQL server tests run against. Where Docker runs, tests use a
 * Testcontainers container; otherwise the server named by the environment variables
 * {@code TANGO_TEST_POSTGRES_URL} (a JDBC URL), {@code TANGO_TEST_POSTGRES_USER} and
 * {@code TANGO_TEST_POSTGRES_PASSWORD} (optional), in a schema of their own.
 * {@link #start()} gives a test whichever of the two is available.
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
	 * Starts a database for one test: a Testcontainers container where Docker runs,
	 * otherwise a fresh schema ({@link #createSchema()}).
	 * @return the database; closing it stops the container or drops the schema
	 * @throws IllegalStateException if Docker is not available and no server is named
	 */
	public static Database start() {
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(IMAGE));
			container.start();
			return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null,
					container::stop);
		}
		return createSchema().database();
	}

	/**
	 * A database that one test has to itself, from {@link #start()}.
	 *
	 * @param jdbcUrl its JDBC URL
	 * @param user the user
	 * @param password the password, possibly empty
	 * @param schema the test's schema, or {@code null} for the user's default (in a
	 * container of the test's own)
	 * @param release stops the container or drops the schema
	 */
	public record Database(String jdbcUrl, String user, String password, @Nullable String schema,
			Runnable release) implements AutoCloseable {

		/**
		 * Returns the Spring Boot properties that point the datasource, and Flyway's
		 * schema when the test has one, at this database.
		 * @return the properties by name, the datasource's first
		 */
		public Map<String, String> springProperties() {
			Map<String, String> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", this.jdbcUrl);
			properties.put("spring.datasource.username", this.user);
			properties.put("spring.datasource.password", this.password);
			if (this.schema != null) {
				properties.put("spring.flyway.schemas", this.schema);
				properties.put("spring.flyway.default-schema", this.schema);
			}
			return properties;
		}

		/** Stops the container or drops the schema. */
		@Override
		public void close() {
			this.release.run();
		}

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

		/**
		 * Returns this schema as a test's database.
		 * @return the database; closing it drops the schema
		 */
		public Database database() {
			return new Database(jdbcUrl(), this.user, this.password, this.name, this::drop);
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
