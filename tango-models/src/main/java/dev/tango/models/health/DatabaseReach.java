package dev.tango.models.health;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure to reach the database from any other failure of a database call. The
 * database is out of reach when the failure, any of its causes or any exception it
 * suppressed is one of Spring's resource or transient exceptions
 * ({@link NonTransientDataAccessResourceException}, {@link TransientDataAccessException},
 * {@link RecoverableDataAccessException}), a transaction that could not start
 * ({@link CannotCreateTransactionException}), or a JDBC connection exception (SQLState
 * class {@code 08}, or the JDBC connection exception types). Looking through the causes
 * matters: a connection lost inside a transaction surfaces as the failure of the rollback
 * that follows ("Unable to rollback against JDBC Connection", caused by a closed
 * connection), not as the query's. Stateless.
 */
public final class DatabaseReach {

	private DatabaseReach() {
	}

	/**
	 * Returns whether a failure says the database could not be reached.
	 * @param failure the failure of a database call
	 * @return {@code true} if it, a cause or a suppressed exception says so
	 */
	public static boolean lost(Throwable failure) {
		return lost(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private static boolean lost(Throwable failure, Set<Throwable> seen) {
		if (!seen.add(failure)) {
			return false;
		}
		if (failure instanceof NonTransientDataAccessResourceException
				|| failure instanceof TransientDataAccessException || failure instanceof RecoverableDataAccessException
				|| failure instanceof CannotCreateTransactionException
				|| failure instanceof SQLTransientConnectionException
				|| failure instanceof SQLNonTransientConnectionException || (failure instanceof SQLException sql
						&& sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
			return true;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (lost(suppressed, seen)) {
				return true;
			}
		}
		Throwable cause = failure.getCause();
		return cause != null && lost(cause, seen);
	}

}
