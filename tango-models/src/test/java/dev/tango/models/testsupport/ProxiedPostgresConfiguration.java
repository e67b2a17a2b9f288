package dev.tango.models.testsupport;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring Boot test at PostgreSQL through a {@link TcpProxy}, so that the test
 * can take the database away ({@link TcpProxy#cut()}) and bring it back
 * ({@link TcpProxy#restore()}): a Testcontainers container where Docker runs, otherwise a
 * fresh schema on the server named by {@code TANGO_TEST_POSTGRES_URL}, dropped when the
 * context closes. Import it instead of {@link PostgresTestConfiguration} and inject the
 * {@link TcpProxy}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProxiedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	Server tangoProxiedPostgres() {
		if (PostgresTestDatabase.dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(PostgresTestDatabase.IMAGE));
			container.start();
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null,
					container::stop);
		}
		PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema();
		return new Server(schema.jdbcUrl(), schema.user(), schema.password(), schema.name(), schema::drop);
	}

	@Bean(destroyMethod = "close")
	TcpProxy tangoPostgresProxy(Server server) {
		URI uri = URI.create(server.jdbcUrl().substring("jdbc:".length()));
		return new TcpProxy(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432);
	}

	@Bean
	DynamicPropertyRegistrar tangoProxiedPostgresProperties(Server server, TcpProxy proxy) {
		URI uri = URI.create(server.jdbcUrl().substring("jdbc:".length()));
		String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		return (registry) -> {
			registry.add("spring.datasource.url", () -> proxied);
			registry.add("spring.datasource.username", server::user);
			registry.add("spring.datasource.password", server::password);
			if (server.schema() != null) {
				registry.add("spring.flyway.schemas", server::schema);
				registry.add("spring.flyway.default-schema", server::schema);
			}
		};
	}

	/**
	 * The database behind the proxy.
	 *
	 * @param jdbcUrl its direct JDBC URL
	 * @param user the user
	 * @param password the password
	 * @param schema the schema of this test, or {@code null} for the user's default
	 * @param release drops or stops it
	 */
	record Server(String jdbcUrl, String user, String password, @Nullable String schema,
			Runnable release) implements AutoCloseable {

		@Override
		public void close() {
			this.release.run();
		}

	}

}
