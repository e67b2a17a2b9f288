package dev.tango.admin.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tango.admin.dataset.DatasetLocks;
import dev.tango.admin.dataset.DatasetNames;
import dev.tango.admin.dataset.DatasetNotFoundException;
import dev.tango.admin.dataset.DatasetReaders;

/**
 * The stored data sets that jobs read, as their kinds say ({@link JobHandler#datasets}):
 * locked and checked as a job is restarted (as it is queued, by
 * {@link dev.tango.admin.job.web.JobSubmission}), and asked for before a data set is
 * deleted ({@link DatasetReaders}), with the data set a job stored itself (a
 * calibration's feedback). A queued or running job of a kind this instance does not know
 * (one that only other instances run) may read any data set. Stored parameters that
 * cannot be read as their kind's type name no data set: the worker fails such a job
 * without reading any. Thread-safe.
 */
public class JobDatasets implements DatasetReaders {

	private final JdbcClient jdbc;

	private final JobKinds kinds;

	private final JsonMapper json;

	private final DatasetLocks locks;

	/**
	 * Creates the view.
	 * @param jdbc the queue's database
	 * @param kinds the kinds this instance knows
	 * @param json reads stored parameters
	 * @param locks locks the data sets
	 */
	public JobDatasets(JdbcTemplate jdbc, JobKinds kinds, JsonMapper json, DatasetLocks locks) {
		this.jdbc = JdbcClient.create(jdbc);
		this.kinds = kinds;
		this.json = json;
		this.locks = locks;
	}

	/**
	 * Locks the data sets a job to be queued again reads and checks that each exists.
	 * Called in the transaction that restarts the job. A job of a kind this instance does
	 * not know is not checked here (the instance that runs it fails it if a data set is
	 * missing).
	 * @param job the job, failed or cancelled
	 * @throws JobStateException if a data set it reads no longer exists: the job would
	 * only fail again
	 */
	public void lockForRestart(Job job) {
		try {
			this.locks.lockToRead(
					this.kinds.find(job.kind()).map((handler) -> read(handler, job.parameters())).orElse(Set.of()));
		}
		catch (DatasetNotFoundException ex) {
			throw new JobStateException("Job " + job.id() + " reads data set " + ex.id()
					+ ", which no longer exists: it would only fail again; submit a new job instead");
		}
	}

	/**
	 * {@inheritDoc} Besides the data sets their kinds name, a job reads the one it stored
	 * ({@link DatasetNames#storingJob}).
	 */
	@Override
	public List<Reader> readersOf(long datasetId, String name) {
		OptionalLong storing = DatasetNames.storingJob(name);
		List<Reader> readers = new ArrayList<>();
		this.jdbc
			.sql("SELECT id, kind, status, parameters FROM admin_jobs WHERE status IN ('QUEUED', 'RUNNING') "
					+ "ORDER BY id")
			.query((rs) -> {
				String kind = rs.getString("kind");
				Optional<Set<Long>> read = read(kind, rs.getString("parameters"));
				boolean stored = storing.isPresent() && storing.getAsLong() == rs.getLong("id");
				if (stored || read.isEmpty() || read.get().contains(datasetId)) {
					readers.add(new Reader(rs.getLong("id"), kind, rs.getString("status"), read.isPresent()));
				}
			});
		return readers;
	}

	/**
	 * The data sets a job reads: empty if its kind is unknown here, no data set if its
	 * parameters cannot be read.
	 */
	private Optional<Set<Long>> read(String kind, String parameters) {
		return this.kinds.find(kind).map((handler) -> {
			try {
				return read(handler, this.json.readTree(parameters));
			}
			catch (JacksonException ex) {
				return Set.<Long>of();
			}
		});
	}

	private <P> Set<Long> read(JobHandler<P> handler, JsonNode parameters) {
		try {
			return handler.datasets(StoredParameters.read(this.json, parameters, handler.parametersType()));
		}
		catch (JacksonException ex) {
			return Set.of();
		}
	}

}
