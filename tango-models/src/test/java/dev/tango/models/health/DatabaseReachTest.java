package dev.tango.models.health;

import java.sql.SQLException;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lost database is told from other failures through causes and suppressed exceptions,
 * in the shapes Spring, Hibernate and HikariCP give them.
 */
class DatabaseReachTest {

	@Test
	void aConnectionLostInsideATransactionIsSeenThroughTheRollbackThatFailed() {
		// What a request got when the connection broke mid-transaction: the rollback's
		// failure, caused by HikariCP's closed connection (SQLState 08003).
		JpaSystemException rollback = new JpaSystemException(new TransactionException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed", "08003")));

		assertThat(DatabaseReach.lost(rollback)).isTrue();
	}

	@Test
	void springsResourceAndTransactionFailuresAreLostDatabases() {
		assertThat(DatabaseReach.lost(new DataAccessResourceFailureException("I/O error"))).isTrue();
		assertThat(DatabaseReach.lost(new CannotCreateTransactionException("no connection"))).isTrue();
		RuntimeException suppressing = new IllegalStateException("failed");
		suppressing.addSuppressed(new SQLException("connection refused", "08001"));
		assertThat(DatabaseReach.lost(suppressing)).isTrue();
	}

	@Test
	void failuresOfTheDataAreNot() {
		assertThat(DatabaseReach.lost(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isFalse();
		assertThat(DatabaseReach.lost(new JpaSystemException(new RuntimeException("mapping")))).isFalse();
		RuntimeException cyclic = new RuntimeException("a");
		RuntimeException other = new RuntimeException("b", cyclic);
		cyclic.initCause(other);
		assertThat(DatabaseReach.lost(cyclic)).isFalse();
	}

}
