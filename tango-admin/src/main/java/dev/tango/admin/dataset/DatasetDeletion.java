package dev.tango.admin.dataset;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes data sets that no queued or running job reads. The data set's row is locked
 * ({@code FOR UPDATE}) before the jobs are asked for ({@link DatasetReaders}), in the
 * transaction that deletes it; a job is queued only under a read lock of the same row
 * ({@link DatasetLocks}: {@code FOR SHARE}, {@code FOR UPDATE} on H2), which the
 * deletion's lock waits for. So a submission and a deletion at the same time cannot both
 * succeed: either the job is queued first and the deletion sees it (409), or the deletion
 * comes first and the submission finds no data set (400). Thread-safe.
 */
@Service
public class DatasetDeletion {

	private static final Logger logger = LoggerFactory.getLogger(DatasetDeletion.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final DatasetLocks locks;

	private final DatasetReaders readers;

	DatasetDeletion(JdbcTemplate jdbc, TransactionTemplate transactions, DatasetLocks locks, DatasetReaders readers) {
		this.jdbc = JdbcClient.create(jdbc);
		this.transactions = transactions;
		this.locks = locks;
		this.readers = readers;
	}

	/**
	 * Deletes a data set and its rows, unless a queued or running job reads it. Jobs that
	 * finished, failed or were cancelled do not keep it.
	 * @param id the data set
	 * @throws DatasetNotFoundException if there is no such data set
	 * @throws DatasetInUseException if a queued or running job reads it (or may: a job of
	 * a kind this instance does not know); nothing is deleted
	 */
	public void delete(long id) {
		this.transactions.executeWithoutResult((status) -> {
			String name = this.locks.lockToDelete(id);
			List<DatasetReaders.Reader> reading = this.readers.readersOf(id, name);
			if (!reading.isEmpty()) {
				throw new DatasetInUseException(id, reading);
			}
			this.jdbc.sql("DELETE FROM admin_datasets WHERE id = ?").param(id).update();
		});
		logger.info("Deleted data set {}", id);
	}

}
