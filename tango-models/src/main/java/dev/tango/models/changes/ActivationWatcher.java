package dev.tango.models.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Watches the active cascade versions. On PostgreSQL it LISTENs on a dedicated connection
 * for the notifications a trigger sends when an active version changes, reconnecting
 * after failures and polling meanwhile; elsewhere it polls. Either way it compares the
 * active versions with those it saw last and reports the differences. The same connection
 * hears the release plans' trigger (payload {@value #RELEASE_PREFIX} and the cascade's
 * name) and passes those on to its release listeners at once.
 */
public final class ActivationWatcher implements RegistryChanges, SmartLifecycle {

	/** The channel the registry's trigger notifies. */
	public static final String CHANNEL = "tango_registry";

	/**
	 * How the payload of a release plan's notification starts; the cascade's name
	 * follows.
	 */
	public static final String RELEASE_PREFIX = "release:";

	/** The application name of the LISTEN connection, as PostgreSQL shows it. */
	public static final String APPLICATION_NAME = "tango-registry-listener";

	private static final Logger logger = LoggerFactory.getLogger(ActivationWatcher.class);

	private static final String ACTIVE_QUERY = """
			SELECT a.cascade_id, c.name, v.version_number, a.revision, a.activated_at, a.activated_by
			FROM active_cascades a
			JOIN cascades c ON c.id = a.cascade_id
			JOIN cascade_versions v ON v.id = a.cascade_version_id
			""";

	private final JdbcTemplate jdbc;

	private final @Nullable ListenConnections listenConnections;

	private final Duration pollInterval;

	private final Duration listenPollInterval;

	private final Duration reconnectDelay;

	private final Listeners<ActivationEvent> listeners = new Listeners<>(logger, "An activation listener failed");

	private final Listeners<String> releaseListeners = new Listeners<>(logger, "A release plan listener failed");

	private volatile Map<Long, Entry> snapshot = Map.of();

	private volatile boolean running;

	private volatile @Nullable Connection listenConnection;

	private @Nullable Thread thread;

	/**
	 * Creates a watcher.
	 * @param jdbc reads the active versions
	 * @param listenConnections opens dedicated PostgreSQL connections to LISTEN on, or
	 * {@code null} to poll only
	 * @param pollInterval how often to poll while not listening
	 * @param listenPollInterval how often to poll while listening
	 * @param reconnectDelay how long to wait before listening again after a failure
	 */
	public ActivationWatcher(JdbcTemplate jdbc, @Nullable ListenConnections listenConnections, Duration pollInterval,
			Duration listenPollInterval, Duration reconnectDelay) {
		this.jdbc = jdbc;
		this.listenConnections = listenConnections;
		this.pollInterval = pollInterval;
		this.listenPollInterval = listenPollInterval;
		this.reconnectDelay = reconnectDelay;
	}

	@Override
	public Subscription onActivation(Consumer<ActivationEvent> listener) {
		return this.listeners.add(listener);
	}

	@Override
	public Subscription onReleasePlanChange(Consumer<String> listener) {
		return this.releaseListeners.add(listener);
	}

	/** Whether a LISTEN connection is open now. */
	public boolean isListening() {
		return this.listenConnection != null;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.snapshot = load();
		this.running = true;
		Thread watcher = new Thread(this::run, "tango-registry-changes");
		watcher.setDaemon(true);
		watcher.start();
		this.thread = watcher;
		logger.info("Watching cascade activations ({})",
				(this.listenConnections != null) ? "PostgreSQL LISTEN, polling as fallback" : "polling");
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		closeListenConnection();
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
			try {
				watcher.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		long nextListenAttempt = 0;
		while (this.running) {
			try {
				if (this.listenConnections != null && this.listenConnection == null
						&& System.nanoTime() - nextListenAttempt >= 0) {
					if (listen()) {
						// Changes made while nobody listened are found now.
						refresh();
					}
					else {
						nextListenAttempt = System.nanoTime() + this.reconnectDelay.toNanos();
					}
				}
				Connection connection = this.listenConnection;
				if (connection != null) {
					try {
						PGNotification[] notifications = connection.unwrap(PGConnection.class)
							.getNotifications(Math.toIntExact(Math.max(1, this.listenPollInterval.toMillis())));
						releasePlansChanged(notifications);
					}
					catch (SQLException ex) {
						if (!this.running) {
							return;
						}
						logger.warn("Lost the registry LISTEN connection, polling until it is back: {}", ex.toString());
						closeListenConnection();
						nextListenAttempt = System.nanoTime() + this.reconnectDelay.toNanos();
					}
				}
				else {
					long sleep = this.pollInterval.toMillis();
					if (this.listenConnections != null) {
						sleep = Math.min(sleep, (nextListenAttempt - System.nanoTime()) / 1_000_000);
					}
					Thread.sleep(Math.max(1, sleep));
				}
				refresh();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				logger.warn("Could not read the active cascade versions: {}", ex.toString());
				try {
					Thread.sleep(this.pollInterval.toMillis());
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	private boolean listen() {
		ListenConnections connections = this.listenConnections;
		if (connections == null) {
			return false;
		}
		Connection connection = null;
		try {
			connection = connections.open();
			connection.setAutoCommit(true);
			try {
				connection.setClientInfo("ApplicationName", APPLICATION_NAME);
			}
			catch (SQLException ex) {
				logger.debug("Cannot name the LISTEN connection", ex);
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + CHANNEL);
			}
			this.listenConnection = connection;
			if (!this.running) {
				closeListenConnection();
				return false;
			}
			logger.info("Listening for cascade activations on PostgreSQL channel {}", CHANNEL);
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Cannot LISTEN for cascade activations, polling instead: {}", ex.toString());
			if (connection != null) {
				try {
					connection.close();
				}
				catch (SQLException closing) {
					ex.addSuppressed(closing);
				}
			}
			return false;
		}
	}

	private void closeListenConnection() {
		Connection connection = this.listenConnection;
		this.listenConnection = null;
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Closing the LISTEN connection failed", ex);
			}
		}
	}

	/** Reads the active versions and reports those that changed since the last read. */
	void refresh() {
		Map<Long, Entry> previous = this.snapshot;
		Map<Long, Entry> current = load();
		this.snapshot = current;
		current.forEach((cascadeId, entry) -> {
			Entry before = previous.get(cascadeId);
			if (before == null || before.revision() != entry.revision()) {
				publish(new ActivationEvent(entry.cascade(), (before != null) ? before.version() : null,
						entry.version(), entry.revision(), entry.activatedAt(), entry.activatedBy()));
			}
		});
	}

	private void releasePlansChanged(PGNotification @Nullable [] notifications) {
		if (notifications == null) {
			return;
		}
		for (PGNotification notification : notifications) {
			String payload = notification.getParameter();
			if (payload.startsWith(RELEASE_PREFIX)) {
				String cascade = payload.substring(RELEASE_PREFIX.length());
				this.releaseListeners.publish(cascade);
			}
		}
	}

	private void publish(ActivationEvent event) {
		logger.info("Cascade {} is now at version {} (was {})", event.cascade(), event.toVersion(),
				event.fromVersion());
		this.listeners.publish(event);
	}

	private Map<Long, Entry> load() {
		Map<Long, Entry> entries = new HashMap<>();
		this.jdbc.query(ACTIVE_QUERY, (rs) -> {
			OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
			entries.put(rs.getLong(1),
					new Entry(rs.getString(2), rs.getInt(3), rs.getLong(4), at.toInstant(), rs.getString(6)));
		});
		return Map.copyOf(entries);
	}

	/** Opens connections dedicated to LISTEN. */
	@FunctionalInterface
	public interface ListenConnections {

		/**
		 * Opens a new PostgreSQL connection that the watcher owns and closes.
		 * @return the connection
		 * @throws SQLException if it cannot be opened
		 */
		Connection open() throws SQLException;

	}

	private record Entry(String cascade, int version, long revision, Instant activatedAt, String activatedBy) {
	}

}
