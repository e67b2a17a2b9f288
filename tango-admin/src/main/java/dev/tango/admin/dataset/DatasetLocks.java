package dev.tango.admin.dataset;

import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.tango.models.registry.RegistryDatabase;

/**
 * The row locks that keep a data set a job reads from being deleted while the job is
 * queued: taken by the transaction that queues (or restarts) the job, and by the one that
 * deletes the data set ({@link DatasetDeletion}), which waits for the other. On
 * PostgreSQL the readers share their lock ({@code FOR SHARE}), so submissions that read
 * one data set do not wait for one another, and only the deletion's lock
 * ({@code FOR UPDATE}) excludes. H2, the embedded database of one instance, has no shared
 * row lock: there readers lock {@code FOR UPDATE} too, and submissions that read the same
 * data set are queued one after another. Locks are taken in identifier order, so that two
 * transactions cannot each hold what the other waits for. Thread-safe.
 */
@Component
public class DatasetLocks {

	private final Datasets datasets;

	private final String readLock;

	DatasetLocks(Datasets datasets, JdbcTemplate jdbc) {
		this.datasets = datasets;
		DatabaseDriver database = RegistryDatabase.of(Objects.requireNonNull(jdbc.getDataSource()));
		this.readLock = (database == DatabaseDriver.H2) ? " FOR UPDATE" : " FOR SHARE";
	}

	/**
	 * Keeps data sets, checked to exist, from deletion until the transaction ends.
	 * @param ids the data sets
	 * @throws DatasetNotFoundException naming the first that does not exist
	 */
	public void lockToRead(Collection<Long> ids) {
		new TreeSet<>(ids).forEach((id) -> this.datasets.requireExists(id, this.readLock));
	}

	/**
	 * Locks a data set to delete it until the transaction ends.
	 * @param id the data set
	 * @return its name
	 * @throws DatasetNotFoundException if there is no such data set
	 */
	String lockToDelete(long id) {
		return this.datasets.requireExists(id, " FOR UPDATE");
	}

}
