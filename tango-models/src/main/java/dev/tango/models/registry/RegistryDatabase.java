package dev.tango.models.registry;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The databases the registry, and the applications' tables beside it, run in: PostgreSQL,
 * or H2 embedded. SQL that differs between the two (H2 has no shared row lock, for one)
 * asks which one a data source reaches.
 */
public final class RegistryDatabase {

	private RegistryDatabase() {
	}

	/**
	 * Tells which database a data source reaches, from its JDBC URL.
	 * @param dataSource the data source
	 * @return {@link DatabaseDriver#POSTGRESQL} or {@link DatabaseDriver#H2}
	 * @throws IllegalStateException if it cannot tell, or the database is another
	 */
	public static DatabaseDriver of(DataSource dataSource) {
		DatabaseDriver driver;
		try {
			String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
			driver = DatabaseDriver.fromJdbcUrl(url);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database the registry is in", ex);
		}
		if (driver != DatabaseDriver.POSTGRESQL && driver != DatabaseDriver.H2) {
			throw new IllegalStateException(
					"The Tango registry runs on PostgreSQL (or embedded H2), not on " + driver.getId());
		}
		return driver;
	}

}
