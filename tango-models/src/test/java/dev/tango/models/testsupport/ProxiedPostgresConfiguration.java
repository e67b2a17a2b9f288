package dev.tango.models.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring Boot test at PostgreSQL through a {@link TcpProxy}, so that the test
 * can take the database away ({@link TcpProxy#cut()}) and bring it back
 * ({@link TcpProxy#restore()}): a Testcontainers container where Docker runs, otherwise a
 * fresh schema on the server named by {@code TANGO_TEST_POSTGRES_URL}
 * ({@link PostgresTestDatabase#start()}), dropped when the context closes. Import it
 * instead of {@link PostgresTestConfiguration} and inject the {@link TcpProxy}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProxiedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	PostgresTestDatabase.Database tangoProxiedPostgres() {
		return PostgresTestDatabase.start();
	}

	@Bean(destroyMethod = "close")
	TcpProxy tangoPostgresProxy(PostgresTestDatabase.Database database) {
		URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		return new TcpProxy(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432);
	}

	@Bean
	DynamicPropertyRegistrar tangoProxiedPostgresProperties(PostgresTestDatabase.Database database, TcpProxy proxy) {
		URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
		properties.put("spring.datasource.url", proxied);
		return (registry) -> properties.forEach((name, value) -> registry.add(name, () -> value));
	}

}
