package dev.tango.models.serving;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table of the registry's database where each API instance keeps rows about itself
 * (column {@code instance_id}), rewriting them as it reports (column {@code updated_at}),
 * withdrawing them as it stops; rows of instances that stopped without withdrawing them
 * expire. An instance writes its own rows only, so writers never contend. Thread-safe.
 */
public abstract class InstanceRows {

	private final JdbcTemplate jdbc;

	private final String table;

	/**
	 * Creates the store.
	 * @param jdbc the registry's database; its query timeout bounds every call
	 * @param table the table's name, a constant
	 */
	protected InstanceRows(JdbcTemplate jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	/**
	 * Returns the registry's database, for the queries of a subclass.
	 * @return the template; its query timeout bounds every call
	 */
	protected final JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * Deletes all rows of an instance, as it stops.
	 * @param instance the instance
	 * @throws DataAccessException if the database cannot be written
	 */
	public void deleteAll(String instance) {
		this.jdbc.update("DELETE FROM " + this.table + " WHERE instance_id = ?", instance);
	}

	/**
	 * Deletes the rows, of every instance, last written before a time: those of instances
	 * that stopped without withdrawing them (killed, or cut off from the database as they
	 * stopped). One statement, safe to run from many instances at once.
	 * @param before the oldest time a row may have and be kept
	 * @return how many were deleted
	 * @throws DataAccessException if the database cannot be written
	 */
	public int expire(Instant before) {
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE updated_at < ?", before.atOffset(ZoneOffset.UTC));
	}

}
