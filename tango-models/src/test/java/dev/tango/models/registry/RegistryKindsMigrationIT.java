package dev.tango.models.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.tango.models.testsupport.ImmutableRows;
import dev.tango.models.testsupport.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrating a PostgreSQL registry whose model versions were written with the kinds named
 * before 1.7 ({@code ONNX_CLASSIFIER}, {@code ENCODER_HEAD}, {@code LEXICAL},
 * {@code REMOTE_OIP}), on a database that already has a later series' migration (as the
 * admin's 2.x): the rows take their tier kinds' names, nothing else of them changes, and
 * they stay immutable.
 */
class RegistryKindsMigrationIT {

	private static final String LATER_SERIES = "classpath:tango/db/later-series";

	private PostgresTestDatabase.Database postgres;

	private DataSource database;

	@BeforeEach
	void database() {
		this.postgres = PostgresTestDatabase.start();
		this.database = new DriverManagerDataSource(this.postgres.jdbcUrl(), this.postgres.user(),
				this.postgres.password());
	}

	@AfterEach
	void drop() {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void modelVersionsOfEveryOldKindTakeTheirTierKindsNames() {
		flyway().locations(RegistryMigrations.COMMON, RegistryMigrations.VENDOR + "postgresql")
			.target("1.6")
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(this.database);
		jdbc.update("INSERT INTO models (id, name, created_at) VALUES (1, 'm', CURRENT_TIMESTAMP)");
		String insert = """
				INSERT INTO model_versions (id, model_id, version_number, kind, model_uri, model_sha256,
				    tokenizer_uri, tokenizer_sha256, head_uri, head_sha256, max_input_length, pooling,
				    created_at, created_by)
				VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 128, ?, CURRENT_TIMESTAMP, 'test')""";
		String sha = "a".repeat(64);
		jdbc.update(insert, 1, 1, "ONNX_CLASSIFIER", "file:/c/model.onnx", sha, "file:/c/tokenizer.json", sha, null,
				null, null);
		jdbc.update(insert, 2, 2, "ENCODER_HEAD", "file:/e/model.onnx", sha, "file:/e/tokenizer.json", sha,
				"file:/e/head.json", sha, "MEAN");
		jdbc.update(insert, 3, 3, "LEXICAL", null, null, null, null, "file:/l/head.json", sha, null);
		jdbc.update(insert, 4, 4, "REMOTE_OIP", "https://oip.example.com/v2/models/large", null, null, null, null, null,
				null);
		List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM model_versions ORDER BY id")
			.stream()
			.map(RegistryKindsMigrationIT::withoutKind)
			.toList();
		flyway().locations(LATER_SERIES).ignoreMigrationPatterns("*:missing").load().migrate();

		FluentConfiguration registry = flyway().locations(LATER_SERIES);
		new RegistryMigrations().customize(registry);
		registry.load().migrate();

		assertThat(jdbc.queryForList("SELECT kind FROM model_versions ORDER BY id", String.class))
			.containsExactly("onnx-classifier", "encoder-linear", "lexical-linear", "remote-oip");
		assertThat(jdbc.queryForList("SELECT * FROM model_versions ORDER BY id")
			.stream()
			.map(RegistryKindsMigrationIT::withoutKind)
			.map((row) -> withOnly(row, before.get(0).keySet()))
			.toList()).as("the columns there were before").isEqualTo(before);
		assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history ORDER BY installed_rank", String.class))
			.as("the registry's new migrations ran after the later series', out of order")
			.containsSubsequence("2.0", "1.7", "1.7.1", "1.8");
		ImmutableRows.assertRefused(jdbc, "UPDATE model_versions SET kind = 'LEXICAL' WHERE id = 3",
				"DELETE FROM model_versions WHERE id = 4");

		jdbc.update(insert, 5, 5, "test-vocabulary", null, null, null, null, "file:/v/rules.txt", sha, null);
		assertThatThrownBy(() -> jdbc.update(insert, 6, 6, "encoder-linear", "file:/e/model.onnx", sha,
				"file:/e/tokenizer.json", sha, "file:/e/head.json", sha, "MAX"))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("ck_model_versions_pooling");
		assertThatThrownBy(() -> jdbc.update(insert, 6, 6, "lexical-linear", null, null, null, null,
				"file:/l/head.json", "short", null))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("ck_model_versions_head");
		assertThatThrownBy(() -> jdbc.update(insert, 6, 6, "lexical-linear", null, sha, null, null, "file:/l/head.json",
				sha, null))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("ck_model_versions_model");
	}

	private FluentConfiguration flyway() {
		FluentConfiguration configuration = Flyway.configure().dataSource(this.database);
		String schema = this.postgres.schema();
		if (schema != null) {
			configuration.schemas(schema).defaultSchema(schema);
		}
		return configuration;
	}

	private static Map<String, Object> withOnly(Map<String, Object> row, Set<String> columns) {
		Map<String, Object> copy = new LinkedHashMap<>(row);
		copy.keySet().retainAll(columns);
		return copy;
	}

	private static Map<String, Object> withoutKind(Map<String, Object> row) {
		Map<String, Object> copy = new LinkedHashMap<>(row);
		copy.remove("kind");
		return copy;
	}

}
