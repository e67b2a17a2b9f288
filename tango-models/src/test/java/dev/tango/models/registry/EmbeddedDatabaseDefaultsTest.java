package dev.tango.models.registry;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseDefaultsTest {

	final EmbeddedDatabaseDefaults defaults = new EmbeddedDatabaseDefaults();

	@Test
	void withoutADatasourceTheRegistryUsesAnEmbeddedFile() {
		MockEnvironment environment = new MockEnvironment();
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:h2:file:" + Path.of("data/tango").toAbsolutePath()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("sa");
		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
		assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
	}

	@Test
	void aConfiguredDatasourceAndSettingsWin() {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("spring.datasource.url", "jdbc:postgresql://db/tango", "spring.jpa.open-in-view", "true")));
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/tango");
		assertThat(environment.getProperty("spring.datasource.username")).isNull();
		assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("true");
		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
	}

	@Test
	void connectionsFailWithinSecondsWhileTheDatabaseIsAway() {
		MockEnvironment embedded = new MockEnvironment();
		this.defaults.postProcessEnvironment(embedded, new SpringApplication());
		assertThat(embedded.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("3000");
		assertThat(embedded.getProperty("spring.datasource.hikari.validation-timeout")).isEqualTo("2000");
		assertThat(embedded.getProperty("spring.datasource.hikari.data-source-properties.connectTimeout"))
			.as("H2 refuses settings it does not know")
			.isNull();

		MockEnvironment postgres = new MockEnvironment();
		postgres.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("spring.datasource.url", "jdbc:postgresql://db/tango",
					"spring.datasource.hikari.connection-timeout", "10000")));
		this.defaults.postProcessEnvironment(postgres, new SpringApplication());
		assertThat(postgres.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("10000");
		assertThat(postgres.getProperty("spring.datasource.hikari.data-source-properties.connectTimeout"))
			.isEqualTo("3");
		assertThat(postgres.getProperty("spring.datasource.hikari.data-source-properties.loginTimeout")).isEqualTo("3");
	}

}
