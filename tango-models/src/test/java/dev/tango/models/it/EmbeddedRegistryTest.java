package dev.tango.models.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry on the zero-setup default: no datasource is configured, so it runs on an
 * embedded H2 database file, migrated from scratch by the same Flyway migrations.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "tango.registry.seed=" + RegistryScenarios.SEED,
				"tango.registry.embedded-path=" + EmbeddedRegistryTest.DATABASE,
				"tango.registry.changes.poll-interval=100ms", "tango.artifacts.store=target/artifacts-embedded" })
class EmbeddedRegistryTest extends RegistryScenarios {

	static final String DATABASE = "target/embedded-registry/tango";

	static {
		Path directory = Path.of(DATABASE).getParent();
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Value("${spring.datasource.url}")
	String url;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void runsOnAFreshEmbeddedDatabaseFile() {
		assertThat(this.url).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
		assertThat(Path.of(DATABASE + ".mv.db")).exists();
		assertThat(this.jdbc.queryForList(
				"SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank",
				String.class))
			.containsExactly("1.0", "1.1", "1.2", "1.3", "1.4", "1.4.1", "1.6", "1.7", "1.7.1", "1.8", "1.9", "1.10",
					"1.11", "1.12", "1.14", "1.15", "1.16");
		assertThat(this.entityManagerFactory.getProperties()).containsEntry("hibernate.hbm2ddl.auto", "validate");
	}

}
