package dev.tango.models.testsupport;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded registry database of a unit test: H2 in PostgreSQL mode in a folder of the
 * test's, migrated as the service migrates it.
 */
public final class MigratedH2 {

	private MigratedH2() {
	}

	/**
	 * Creates and migrates the database.
	 * @param directory the folder that holds it
	 * @return a template on it
	 */
	public static JdbcTemplate migrate(Path directory) {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:file:" + directory.resolve("tango").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:tango/db/registry/common", "classpath:tango/db/registry/h2")
			.load()
			.migrate();
		return new JdbcTemplate(database);
	}

}
