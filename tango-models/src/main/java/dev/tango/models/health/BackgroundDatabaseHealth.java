package dev.tango.models.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * The {@code db} health indicator of the registry's database, checked on a background
 * thread every {@link DatabaseHealthProperties#interval()}: a check borrows a connection
 * from the pool (bounded by the pool's connection timeout) and validates it (bounded by
 * {@link DatabaseHealthProperties#validationTimeout()}). {@link #health()} returns the
 * last result without touching the database, so a probe never waits on it; a result older
 * than {@link DatabaseHealthProperties#staleAfter()} is {@code DOWN}. Changes of state
 * are logged once each. Thread-safe.
 */
public final class BackgroundDatabaseHealth implements HealthIndicator, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundDatabaseHealth.class);

	private final DataSource dataSource;

	private final DatabaseHealthProperties properties;

	private final Clock clock;

	private volatile @Nullable Checked last;

	private @Nullable ScheduledExecutorService checker;

	/**
	 * Creates the indicator; it checks once {@link #start() started}.
	 * @param dataSource the registry's datasource
	 * @param properties how to check
	 * @param clock the clock that dates the results
	 */
	public BackgroundDatabaseHealth(DataSource dataSource, DatabaseHealthProperties properties, Clock clock) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Checked checked = this.last;
		if (checked == null) {
			return Health.unknown().withDetail("reason", "not checked yet").build();
		}
		Duration age = Duration.between(checked.at(), this.clock.instant());
		if (age.compareTo(this.properties.staleAfter()) > 0) {
			return Health.down()
				.withDetail("reason", "the last check finished " + age.toSeconds() + " s ago")
				.withDetail("checkedAt", checked.at().toString())
				.build();
		}
		return Health.status(checked.health().getStatus())
			.withDetails(checked.health().getDetails())
			.withDetail("checkedAt", checked.at().toString())
			.build();
	}

	/**
	 * Checks the database now, on the caller's thread, and keeps the result.
	 * @return the result
	 */
	Health check() {
		Health health;
		String failure = null;
		try (Connection connection = this.dataSource.getConnection()) {
			int timeout = (int) Math.max(1, this.properties.validationTimeout().toSeconds());
			health = connection.isValid(timeout)
					? Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build()
					: Health.down()
						.withDetail("error", "the connection did not validate within " + timeout + " s")
						.build();
		}
		catch (SQLException | RuntimeException ex) {
			failure = ex.getClass().getName() + ": " + ex.getMessage();
			health = Health.down()
				.withDetail("error", ex.getClass().getSimpleName() + " (the service's log says more)")
				.build();
		}
		Checked previous = this.last;
		this.last = new Checked(health, this.clock.instant());
		Status before = (previous != null) ? previous.health().getStatus() : Status.UP;
		if (!before.equals(health.getStatus())) {
			if (Status.UP.equals(health.getStatus())) {
				logger.info("The registry's database answers again");
			}
			else {
				logger.warn("The registry's database is unreachable: {}",
						(failure != null) ? failure : health.getDetails().get("error"));
			}
		}
		return health;
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.error("Checking the registry's database failed", ex);
		}
	}

	/**
	 * Checks once, then every {@link DatabaseHealthProperties#interval()} in the
	 * background.
	 */
	@Override
	public synchronized void start() {
		if (this.checker != null) {
			return;
		}
		checkQuietly();
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tango-registry-health").daemon(true).factory());
		long interval = this.properties.interval().toMillis();
		executor.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
		this.checker = executor;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.checker;
		if (executor != null) {
			executor.shutdownNow();
			this.checker = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.checker != null;
	}

	private record Checked(Health health, Instant at) {

	}

}
