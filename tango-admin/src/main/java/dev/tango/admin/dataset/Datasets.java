package dev.tango.admin.dataset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.admin.registry.CascadeTargets;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetRow;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;

/**
 * Stores labelled data sets in the database and reads them back. An upload is checked
 * whole before anything is written, then written in one transaction: a data set is stored
 * completely or not at all. Thread-safe.
 */
@Service
public class Datasets {

	private static final Logger logger = LoggerFactory.getLogger(Datasets.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final CascadeTargets targets;

	private final DatasetProperties properties;

	private final Clock clock;

	private final JdbcTemplate jdbcTemplate;

	public Datasets(JdbcTemplate jdbcTemplate, TransactionTemplate transactions, CascadeTargets targets,
			DatasetProperties properties, Optional<Clock> clock) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.transactions = transactions;
		this.targets = targets;
		this.properties = properties;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * Returns the largest upload accepted.
	 * @return the limit in bytes
	 */
	public long maxBytes() {
		return this.properties.maxSize().toBytes();
	}

	/**
	 * Checks and stores an upload.
	 * @param upload the upload
	 * @return the stored data set
	 * @throws DatasetTooLargeException if it is larger than the limit
	 * @throws DatasetRejectedException if its name breaks a rule of {@link DatasetNames}
	 * (such as starting with {@value DatasetNames#JOB_PREFIX}), or it is malformed, has
	 * fewer than two labels, a label that no model could be registered with
	 * ({@link DatasetLabels#requireRegistrable}) or labels the target cascade does not
	 * know
	 * @throws DatasetExistsException if the name is taken
	 * @throws RegistryNotFoundException if the target cascade does not exist
	 */
	public Dataset store(Upload upload) {
		return storeChecked(upload.named(DatasetNames.checkUpload(upload.name())), true);
	}

	/**
	 * Stores the data set of a job, under a name that starts with
	 * {@value DatasetNames#JOB_PREFIX}.
	 * @param upload the data set
	 * @return the stored data set
	 * @throws DatasetTooLargeException if it is larger than the limit
	 * @throws DatasetRejectedException if it is malformed or has fewer than two labels
	 * @throws DatasetExistsException if the name is taken
	 */
	public Dataset storeForJob(Upload upload) {
		return storeChecked(upload.named(DatasetNames.checkJob(upload.name())), false);
	}

	private Dataset storeChecked(Upload upload, boolean uploaded) {
		if (upload.content().length > maxBytes()) {
			throw new DatasetTooLargeException(maxBytes());
		}
		ParsedDataset parsed = ParsedDataset.parse(upload.content(), upload.format());
		if (uploaded) {
			DatasetLabels.requireRegistrable(parsed);
		}
		if (upload.cascade() != null) {
			DatasetLabels.requireKnown(parsed, this.targets.find(upload.cascade(), upload.cascadeVersion()));
		}
		String sha256 = Sha256.of(upload.content());
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		try {
			long id = Objects
				.requireNonNull(this.transactions.execute((status) -> insert(upload, parsed, sha256, now)));
			logger.info("Stored data set {} '{}': {} rows, labels {}", id, upload.name(), parsed.rows().size(),
					parsed.labels());
			return find(id).orElseThrow();
		}
		catch (DuplicateKeyException ex) {
			throw new DatasetExistsException(upload.name());
		}
	}

	/**
	 * Returns a data set.
	 * @param id its identifier
	 * @return the data set, or empty
	 */
	public Optional<Dataset> find(long id) {
		return this.jdbc.sql("SELECT * FROM admin_datasets WHERE id = ?")
			.param(id)
			.query(Datasets::unlabelled)
			.optional()
			.map((dataset) -> dataset.withLabels(labels(dataset.id())));
	}

	/**
	 * Returns a data set or fails.
	 * @param id its identifier
	 * @return the data set
	 * @throws DatasetNotFoundException if there is none
	 */
	public Dataset require(long id) {
		return find(id).orElseThrow(() -> new DatasetNotFoundException(id));
	}

	/**
	 * Lists every data set, newest first.
	 * @return the data sets
	 */
	public List<Dataset> list() {
		List<Dataset> datasets = this.jdbc.sql("SELECT * FROM admin_datasets ORDER BY id DESC")
			.query(Datasets::unlabelled)
			.list();
		Map<Long, List<Dataset.LabelCount>> labels = new HashMap<>();
		this.jdbc.sql("SELECT dataset_id, label, row_count FROM admin_dataset_labels ORDER BY dataset_id, label_index")
			.query((rs) -> {
				labels.computeIfAbsent(rs.getLong("dataset_id"), (id) -> new ArrayList<>())
					.add(new Dataset.LabelCount(rs.getString("label"), rs.getInt("row_count")));
			});
		return datasets.stream()
			.map((dataset) -> dataset.withLabels(labels.getOrDefault(dataset.id(), List.of())))
			.toList();
	}

	/**
	 * Reads rows of a data set in file order.
	 * @param id the data set
	 * @param offset how many rows to skip
	 * @param limit the most rows to return
	 * @return the rows
	 * @throws DatasetNotFoundException if there is no such data set
	 */
	public List<DatasetRow> rows(long id, int offset, int limit) {
		requireExists(id, "");
		return this.jdbc
			.sql("SELECT line, text, pair, label, split FROM admin_dataset_rows WHERE dataset_id = ? "
					+ "ORDER BY row_index LIMIT ? OFFSET ?")
			.params(id, limit, offset)
			.query(Datasets::row)
			.list();
	}

	/**
	 * Reads every row of a data set, or of one of its splits.
	 * @param id the data set
	 * @param split the split to read, or {@code null} for every row
	 * @return the rows in file order
	 * @throws DatasetNotFoundException if there is no such data set
	 */
	public List<DatasetRow> allRows(long id, @Nullable String split) {
		requireExists(id, "");
		String sql = "SELECT line, text, pair, label, split FROM admin_dataset_rows WHERE dataset_id = ?"
				+ ((split != null) ? " AND split = ?" : "") + " ORDER BY row_index";
		List<Object> params = new ArrayList<>(List.of(id));
		if (split != null) {
			params.add(split);
		}
		return this.jdbc.sql(sql).params(params).query(Datasets::row).list();
	}

	/**
	 * Returns how many rows of a data set, or of one of its splits, carry each label:
	 * what a job can check before it is queued without reading the rows.
	 * @param dataset the data set
	 * @param split the split, or {@code null} for every row
	 * @return the labels the rows carry, in the data set's order, with their row counts
	 * @throws IllegalArgumentException if the data set has no such split
	 */
	public List<Dataset.LabelCount> labelCounts(Dataset dataset, @Nullable String split) {
		if (split == null) {
			return dataset.labels();
		}
		Map<String, Integer> counts = new HashMap<>();
		this.jdbc
			.sql("SELECT label, COUNT(*) AS row_count FROM admin_dataset_rows WHERE dataset_id = ? AND split = ? "
					+ "GROUP BY label")
			.params(dataset.id(), split)
			.query((rs) -> {
				counts.put(rs.getString("label"), rs.getInt("row_count"));
			});
		if (counts.isEmpty()) {
			List<String> splits = this.jdbc
				.sql("SELECT DISTINCT split FROM admin_dataset_rows WHERE dataset_id = ? AND split IS NOT NULL "
						+ "ORDER BY split")
				.param(dataset.id())
				.query(String.class)
				.list();
			throw new IllegalArgumentException("The data set " + dataset.describe(null) + " has "
					+ (splits.isEmpty() ? "no splits: leave split out to use every row"
							: "no split '" + split + "'; its splits are " + splits));
		}
		return dataset.labelNames()
			.stream()
			.filter(counts::containsKey)
			.map((label) -> new Dataset.LabelCount(label, counts.get(label)))
			.toList();
	}

	/**
	 * Checks, before a job that fits a classifier is queued, that a data set (or one of
	 * its splits) has rows of two labels at least.
	 * @param dataset the data set
	 * @param split the split, or {@code null} for every row
	 * @return the labels of the rows, in the data set's order
	 * @throws IllegalArgumentException if there is no such split, or the rows have fewer
	 * than two labels
	 */
	public List<String> requireTwoLabels(Dataset dataset, @Nullable String split) {
		List<String> labels = labelCounts(dataset, split).stream().map(Dataset.LabelCount::label).toList();
		if (labels.size() < 2) {
			throw new IllegalArgumentException("The rows of data set " + dataset.describe(split)
					+ " have fewer than two labels " + labels + ": a classifier needs two");
		}
		return labels;
	}

	/**
	 * Reads a data set, or one of its splits, as labelled examples for training: its
	 * labels are those present in the rows, in the data set's order, and its digest is
	 * the file's (with the split's name folded in for a split).
	 * @param id the data set
	 * @param split the split to read, or {@code null} for every row
	 * @return the examples, named after the data set (and split)
	 * @throws DatasetNotFoundException if there is no such data set
	 */
	public LabelledDataset labelled(long id, @Nullable String split) {
		Dataset dataset = require(id);
		Set<String> present = new HashSet<>();
		List<LabelledExample> examples = allRows(id, split).stream().map((row) -> {
			present.add(row.label());
			return new LabelledExample(row.input(), row.label(), row.line());
		}).toList();
		List<String> labels = dataset.labelNames().stream().filter(present::contains).toList();
		String sha256 = (split == null) ? dataset.sha256() : Sha256.ofUtf8(dataset.sha256() + "#split=" + split);
		return new LabelledDataset(dataset.labelledName(split), sha256, examples, labels);
	}

	private long insert(Upload upload, ParsedDataset parsed, String sha256, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO admin_datasets (name, format, sha256, size_bytes, row_count, has_pairs, has_splits, "
					+ "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(upload.name(), upload.format().name(), sha256, upload.content().length, parsed.rows().size(),
					parsed.hasPairs(), parsed.hasSplits(), Timestamp.from(now), upload.actor())
			.update(key, "id");
		long id = key.getKeyAs(Long.class);
		List<String> labels = parsed.labels();
		for (int i = 0; i < labels.size(); i++) {
			this.jdbc
				.sql("INSERT INTO admin_dataset_labels (dataset_id, label_index, label, row_count) VALUES (?, ?, ?, ?)")
				.params(id, i, labels.get(i), parsed.counts().get(labels.get(i)))
				.update();
		}
		List<DatasetRow> rows = parsed.rows();
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<Object[]> batch = new ArrayList<>();
			for (int i = from; i < Math.min(rows.size(), from + BATCH); i++) {
				DatasetRow row = rows.get(i);
				batch.add(new Object[] { id, i, row.line(), row.text(), row.pair(), row.label(), row.split() });
			}
			this.jdbcTemplate.batchUpdate("INSERT INTO admin_dataset_rows (dataset_id, row_index, line, text, pair, "
					+ "label, split) VALUES (?, ?, ?, ?, ?, ?, ?)", batch);
		}
		return id;
	}

	/**
	 * Returns the name of a data set that exists, locking its row as asked.
	 * @param id the data set
	 * @param lock the locking clause, such as {@code " FOR UPDATE"}
	 * ({@link DatasetLocks}), or empty
	 * @return its name
	 * @throws DatasetNotFoundException if there is no such data set
	 */
	String requireExists(long id, String lock) {
		return this.jdbc.sql("SELECT name FROM admin_datasets WHERE id = ?" + lock)
			.param(id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new DatasetNotFoundException(id));
	}

	/**
	 * Maps a data set's row without its labels, which are read once this query has given
	 * its connection back: a query run while a row is mapped holds a second connection,
	 * and concurrent requests doing so can take the whole pool and wait on one another.
	 */
	private static Dataset unlabelled(ResultSet rs, int row) throws SQLException {
		return new Dataset(rs.getLong("id"), rs.getString("name"), DatasetFormat.valueOf(rs.getString("format")),
				rs.getString("sha256"), rs.getLong("size_bytes"), rs.getInt("row_count"), List.of(),
				rs.getBoolean("has_pairs"), rs.getBoolean("has_splits"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"));
	}

	private static DatasetRow row(ResultSet rs, int row) throws SQLException {
		return new DatasetRow(rs.getLong("line"), rs.getString("text"), rs.getString("pair"), rs.getString("label"),
				rs.getString("split"));
	}

	private List<Dataset.LabelCount> labels(long id) {
		return this.jdbc
			.sql("SELECT label, row_count FROM admin_dataset_labels WHERE dataset_id = ? ORDER BY label_index")
			.param(id)
			.query((rs, row) -> new Dataset.LabelCount(rs.getString("label"), rs.getInt("row_count")))
			.list();
	}

	/**
	 * An upload.
	 *
	 * @param name the data set's name, unique
	 * @param format the file's format
	 * @param content the file's bytes
	 * @param cascade a cascade whose labels every row's label must be one of, or
	 * {@code null}
	 * @param cascadeVersion the version of that cascade, or {@code null} for the active
	 * one (the latest if none is active)
	 * @param actor who uploads it
	 */
	public record Upload(String name, DatasetFormat format, byte[] content, @Nullable String cascade,
			@Nullable Integer cascadeVersion, String actor) {

		/**
		 * Returns this upload under another name.
		 * @param name the name
		 * @return the upload
		 */
		Upload named(String name) {
			return new Upload(name, this.format, this.content, this.cascade, this.cascadeVersion, this.actor);
		}

	}

}
