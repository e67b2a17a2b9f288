package dev.tango.admin.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The working folders that jobs keep between attempts (a fine-tune's checkpoints, which a
 * restarted attempt resumes from), one per job under one root, and their retention.
 * {@link #sweep(Duration)} removes the folder of a job that succeeded or no longer
 * exists, and of a failed or cancelled job once it has been over for the retention
 * period; a restart of such a job then starts afresh. Folders of queued and running jobs
 * are kept, and so is anything under the root that is not a folder named as a job's
 * ({@code job-ID}, the identifier without leading zeros): files and links are left alone
 * even when so named. Thread-safe.
 */
public class JobFolders {

	private static final Logger logger = LoggerFactory.getLogger(JobFolders.class);

	/**
	 * A job's folder: {@code job-} and its identifier as written, without leading zeros.
	 */
	private static final Pattern FOLDER = Pattern.compile("job-(0|[1-9]\\d{0,17})");

	private final Path root;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * Creates the folders' keeper.
	 * @param root the folder that holds one folder per job; need not exist yet
	 * @param jdbc the database of the job queue
	 * @param transactions the transactions of that database
	 * @param clock the time compared with when jobs ended
	 */
	public JobFolders(Path root, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.root = root.toAbsolutePath().normalize();
		this.jdbc = JdbcClient.create(jdbc);
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * Returns a job's working folder, which may not exist.
	 * @param job the job's identifier
	 * @return {@code job-ID} under the root
	 */
	public Path of(long job) {
		return this.root.resolve("job-" + job);
	}

	/**
	 * Removes the folders that no attempt can need any more: those of jobs that succeeded
	 * or no longer exist, and those of jobs that failed or were cancelled longer than
	 * {@code retention} ago. Each folder is judged and removed while its job's row is
	 * locked, so that a restart queued meanwhile waits and then finds it either kept or
	 * gone, never half removed.
	 * @param retention how long a failed or cancelled job's folder is kept
	 * @return the jobs whose folders were removed, in ascending order
	 * @throws UncheckedIOException if the root cannot be listed
	 */
	public List<Long> sweep(Duration retention) {
		Instant cutoff = this.clock.instant().minus(retention);
		List<Long> removed = new ArrayList<>();
		for (long job : folders()) {
			if (Boolean.TRUE.equals(this.transactions.execute((status) -> removeIfOver(job, cutoff)))) {
				removed.add(job);
			}
		}
		return removed;
	}

	private boolean removeIfOver(long job, Instant cutoff) {
		Optional<Ending> ending = this.jdbc.sql("SELECT status, finished_at FROM admin_jobs WHERE id = ? FOR UPDATE")
			.param(job)
			.query((rs, row) -> new Ending(JobStatus.valueOf(rs.getString("status")),
					Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant).orElse(null)))
			.optional();
		@Nullable String why = ending.isPresent() ? ending.get().reasonToRemove(cutoff) : "its job no longer exists";
		if (why == null) {
			return false;
		}
		Path folder = of(job);
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		try {
			if (!FileSystemUtils.deleteRecursively(folder)) {
				return false;
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot remove the working folder of job {} ({}): {}", job, why, ex.toString());
			return false;
		}
		logger.info("Removed the working folder of job {}: {}", job, why);
		return true;
	}

	private List<Long> folders() {
		if (!Files.isDirectory(this.root)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(this.root)) {
			return children.filter((child) -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
				.map((child) -> FOLDER.matcher(child.getFileName().toString()))
				.filter(Matcher::matches)
				.map((name) -> Long.parseLong(name.group(1)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.root, ex);
		}
	}

	/** How a job stands, as far as its folder is concerned. */
	private record Ending(JobStatus status, @Nullable Instant finishedAt) {

		/** Why the folder can go, or {@code null} to keep it. */
		@Nullable String reasonToRemove(Instant cutoff) {
			return switch (this.status) {
				case QUEUED, RUNNING -> null;
				case SUCCEEDED -> "the job succeeded";
				case FAILED,
						CANCELLED ->
					(this.finishedAt == null || this.finishedAt.isBefore(cutoff))
							? "the job ended " + Objects.toString(this.finishedAt, "long ago") + " as "
									+ this.status.name().toLowerCase(Locale.ROOT) + ", beyond the retention"
							: null;
			};
		}

	}

}
