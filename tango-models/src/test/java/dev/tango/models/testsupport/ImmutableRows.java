package dev.tango.models.testsupport;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on the guards that keep the registry's stored rows immutable. */
public final class ImmutableRows {

	private ImmutableRows() {
	}

	/**
	 * Asserts that the database refuses each statement, as changing an immutable row.
	 * @param jdbc the registry's database
	 * @param statements the updates or deletes, each run on its own
	 */
	public static void assertRefused(JdbcTemplate jdbc, String... statements) {
		for (String statement : statements) {
			assertThatThrownBy(() -> jdbc.update(statement)).as(statement)
				.isInstanceOf(DataAccessException.class)
				.hasMessageContaining("immutable");
		}
	}

}
