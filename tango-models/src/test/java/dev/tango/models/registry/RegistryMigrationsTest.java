package dev.tango.models.registry;

import java.nio.file.Path;
import java.sql.Connection;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tango.models.testsupport.ImmutableRows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrating an embedded registry that already holds cascade versions: H2 rebuilds a table
 * to add a column, and its rows and immutability guards must survive that, as they must
 * survive the rewrite of model kinds to tier-kind names.
 */
class RegistryMigrationsTest {

	@TempDir
	Path directory;

	@Test
	void tiersRegisteredBeforeThreadCountsKeepTheirRowsAndStayImmutable() {
		JdbcDataSource database = database();
		migrate(database, "1.1");
		JdbcTemplate jdbc = new JdbcTemplate(database);
		jdbc.update("INSERT INTO models (id, name, created_at) VALUES (1, 'm', CURRENT_TIMESTAMP)");
		jdbc.update("""
				INSERT INTO model_versions (id, model_id, version_number, kind, head_uri, head_sha256,
				    max_input_length, created_at, created_by)
				VALUES (1, 1, 1, 'LEXICAL', 'classpath:head.json', ?, 1000, CURRENT_TIMESTAMP, 'test')""",
				"0".repeat(64));
		jdbc.update("INSERT INTO cascades (id, name, created_at) VALUES (1, 'c', CURRENT_TIMESTAMP)");
		jdbc.update("""
				INSERT INTO cascade_versions (id, cascade_id, version_number, created_at, created_by)
				VALUES (1, 1, 1, CURRENT_TIMESTAMP, 'test')""");
		jdbc.update("""
				INSERT INTO cascade_tiers (cascade_version_id, tier_index, model_version_id, batch_size,
				    max_batch_delay_ms) VALUES (1, 0, 1, 32, 2)""");

		migrate(database, "latest");

		assertThat(jdbc.queryForObject("SELECT kind FROM model_versions", String.class))
			.as("the tier kind's name, since 1.7")
			.isEqualTo("lexical-linear");
		ImmutableRows.assertRefused(jdbc, "UPDATE model_versions SET kind = 'LEXICAL'");
		assertThat(jdbc.queryForMap("SELECT batch_size, intra_op_threads FROM cascade_tiers"))
			.containsEntry("batch_size", 32)
			.containsEntry("intra_op_threads", null);
		ImmutableRows.assertRefused(jdbc, "UPDATE cascade_tiers SET intra_op_threads = 2", "DELETE FROM cascade_tiers");
		assertThatThrownBy(() -> jdbc.update("""
				INSERT INTO cascade_tiers (cascade_version_id, tier_index, model_version_id, batch_size,
				    max_batch_delay_ms, intra_op_threads) VALUES (1, 1, 1, 32, 2, 0)"""))
			.isInstanceOf(DataAccessException.class)
			.hasMessageFindingMatch("(?i)ck_cascade_tiers_threads");
	}

	@Test
	void externalDataFilesOfAModelVersionAreImmutableAndDeclaredOnce() {
		JdbcDataSource database = database();
		migrate(database, "latest");
		JdbcTemplate jdbc = new JdbcTemplate(database);
		jdbc.update("INSERT INTO models (id, name, created_at) VALUES (1, 'm', CURRENT_TIMESTAMP)");
		jdbc.update("""
				INSERT INTO model_versions (id, model_id, version_number, kind, model_uri, model_sha256,
				    tokenizer_uri, tokenizer_sha256, max_input_length, created_at, created_by)
				VALUES (1, 1, 1, 'onnx-classifier', 'file:/m/model.onnx', ?, 'file:/m/tokenizer.json', ?, 128,
				    CURRENT_TIMESTAMP, 'test')""", "0".repeat(64), "1".repeat(64));
		String insert = "INSERT INTO model_version_external_data (model_version_id, file_index, path, uri, sha256) "
				+ "VALUES (1, ?, ?, 'file:/m/w.bin', ?)";
		jdbc.update(insert, 0, "weights/w.bin", "2".repeat(64));

		assertThatThrownBy(() -> jdbc.update(insert, 1, "weights/w.bin", "3".repeat(64)))
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.update(insert, 1, "other.bin", "short")).isInstanceOf(DataAccessException.class)
			.hasMessageFindingMatch("(?i)ck_model_version_external_data_sha256");
		ImmutableRows.assertRefused(jdbc, "UPDATE model_version_external_data SET path = 'x.bin'",
				"DELETE FROM model_version_external_data");
	}

	/**
	 * H2 2.4.240 rejected every insert into a table with a {@code CHECK (... IN ...)} and
	 * an identity key once the session that created it was gone (h2database#4302): the
	 * admin's activation audit failed on the embedded registry after its pooled
	 * connections were renewed. Each statement here runs on a new session, with one open
	 * session holding the database, as tango-api holds it for tango-admin.
	 */
	@Test
	void checkedTablesAcceptRowsFromSessionsOpenedAfterTheMigration() throws Exception {
		JdbcDataSource database = database();
		try (Connection holder = database.getConnection()) {
			migrate(database, "latest");
			JdbcTemplate jdbc = new JdbcTemplate(database);
			jdbc.update("INSERT INTO cascades (id, name, created_at) VALUES (1, 'c', CURRENT_TIMESTAMP)");
			jdbc.update("""
					INSERT INTO cascade_versions (id, cascade_id, version_number, created_at, created_by)
					VALUES (1, 1, 1, CURRENT_TIMESTAMP, 'test')""");
			String audit = """
					INSERT INTO activation_audit (id, cascade_id, action, to_version_id, actor, occurred_at)
					VALUES (DEFAULT, 1, ?, 1, 'test', CURRENT_TIMESTAMP)""";
			jdbc.update(audit, "ACTIVATE");
			jdbc.update(audit, "ROLLBACK");

			assertThat(jdbc.queryForList("SELECT action FROM activation_audit ORDER BY id", String.class))
				.containsExactly("ACTIVATE", "ROLLBACK");
			assertThatThrownBy(() -> jdbc.update(audit, "DELETE")).isInstanceOf(DataAccessException.class)
				.hasMessageFindingMatch("(?i)ck_activation_audit_action");
		}
	}

	private JdbcDataSource database() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:file:" + this.directory.resolve("tango").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		return database;
	}

	private static void migrate(JdbcDataSource database, String target) {
		Flyway.configure()
			.dataSource(database)
			.locations(RegistryMigrations.COMMON, RegistryMigrations.VENDOR + "h2")
			.target(target)
			.load()
			.migrate();
	}

}
