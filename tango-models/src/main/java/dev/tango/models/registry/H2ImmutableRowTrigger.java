package dev.tango.models.registry;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * Refuses every update and delete of the table it is attached to, in the embedded H2
 * database (PostgreSQL does the same with a PL/pgSQL trigger).
 */
public final class H2ImmutableRowTrigger implements Trigger {

	private String table = "?";

	@Override
	public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
			int type) {
		this.table = tableName;
	}

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		throw new SQLException("rows of " + this.table + " are immutable", "23000");
	}

}
