package dev.tango.models.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring Boot test at PostgreSQL: a Testcontainers container (with
 * {@code @ServiceConnection}) where Docker runs, otherwise a fresh schema on the server
 * named by {@code TANGO_TEST_POSTGRES_URL}, used by the datasource and Flyway and dropped
 * when the context closes. Fails with a clear message if neither is available. Import it:
 * {@code @SpringBootTest @Import(PostgresTestConfiguration.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer tangoPostgresContainer() {
		return new PostgreSQLContainer(DockerImageName.parse(PostgresTestDatabase.IMAGE));
	}

	@Bean(destroyMethod = "close")
	@Conditional(DockerUnavailable.class)
	PostgresTestDatabase.Database tangoPostgresSchema() {
		return PostgresTestDatabase.createSchema().database();
	}

	@Bean
	@Conditional(DockerUnavailable.class)
	DynamicPropertyRegistrar tangoPostgresProperties(PostgresTestDatabase.Database database) {
		return (registry) -> database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Keeps each test context's connection pool small when idle. Spring's test context
	 * cache holds many contexts open at once, each with its own pool; at Hikari's default
	 * of ten idle connections a suite's cached contexts would exhaust PostgreSQL's
	 * default 100 connections. A pool still grows to its maximum under load and shrinks
	 * back after ten seconds idle.
	 * @return the pool settings
	 */
	@Bean
	DynamicPropertyRegistrar tangoPostgresPoolProperties() {
		return (registry) -> {
			registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
			registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
		};
	}

	static final class DockerAvailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return PostgresTestDatabase.dockerAvailable();
		}

	}

	static final class DockerUnavailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !PostgresTestDatabase.dockerAvailable();
		}

	}

}
