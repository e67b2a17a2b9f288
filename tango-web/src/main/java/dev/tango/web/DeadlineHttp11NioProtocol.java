package dev.tango.web;

import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's NIO HTTP/1.1 connector with a deadline on reading a request's head (request
 * line and headers), however steadily the client sends it. Tomcat bounds each read of a
 * head ({@code connectionTimeout}) but not the whole: a client sending a header byte
 * every few seconds would hold its connection for ever. Once started, a sweep on the
 * connector's utility executor looks at the open connections a few times per deadline and
 * closes each whose request has been in its head for longer than the deadline, counted
 * from the first byte of its request line, through the connector's own error path (as its
 * read timeout does: the socket is closed and its processor released; no answer is
 * written). A sweep costs a look at each open connection and nothing per byte read; the
 * body is bounded by {@link DeadlineInputBuffer}.
 *
 * <p>
 * Tomcat creates it by class name; {@link #setRequestHeadTimeoutMillis(long)} arms it
 * before the connector starts. Thread-safe as the connector is.
 */
public class DeadlineHttp11NioProtocol extends Http11NioProtocol {

	/** The most time between two sweeps. */
	private static final long MAX_SWEEP_INTERVAL_MILLIS = 1000;

	private volatile long timeoutNanos;

	private volatile @Nullable ScheduledFuture<?> sweep;

	/**
	 * Sets the longest a request's head may take to arrive.
	 * @param millis the deadline in milliseconds from the first byte of the request line;
	 * {@code 0} or less for none
	 */
	public void setRequestHeadTimeoutMillis(long millis) {
		this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
	}

	/**
	 * Returns the deadline on a request's head.
	 * @return milliseconds, {@code 0} for none
	 */
	public long getRequestHeadTimeoutMillis() {
		return TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos);
	}

	@Override
	public void start() throws Exception {
		super.start();
		long timeout = this.timeoutNanos;
		if (timeout > 0) {
			// A sweep every quarter of the deadline, at least every second: a head is cut
			// at most that late.
			long interval = Math.clamp(TimeUnit.NANOSECONDS.toMillis(timeout) / 4, 1, MAX_SWEEP_INTERVAL_MILLIS);
			this.sweep = getUtilityExecutor().scheduleWithFixedDelay(this::cutLateHeads, interval, interval,
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() throws Exception {
		ScheduledFuture<?> running = this.sweep;
		if (running != null) {
			running.cancel(false);
			this.sweep = null;
		}
		super.stop();
	}

	/**
	 * Closes the connections whose request head is past its deadline. The connector keeps
	 * a connection's processor attached to it between reads only while it waits for the
	 * rest of a head, or for an asynchronous request or an upgraded protocol; while a
	 * request is served (its body read included) a worker holds the processor, and
	 * between requests it is released. The head started when Tomcat marked the request's
	 * start time, with {@link System#nanoTime()} (positive on the platforms it runs on),
	 * at the first byte of its request line. A connection is looked at under its lock,
	 * and skipped in this sweep while a worker holds it, so that a connection whose head
	 * has just completed, or which is idle between two requests, is never cut.
	 */
	void cutLateHeads() {
		long timeout = this.timeoutNanos;
		for (SocketWrapperBase<NioChannel> connection : getEndpoint().getConnections()) {
			// Looked at only while no worker processes the connection: a worker holds its
			// lock from taking the processor until it has attached or released it again.
			// Unlocked, the processor read here could meanwhile be serving the request
			// whose head was complete, or be released and serving another connection,
			// and its start time be no longer this connection's head's.
			Lock lock = connection.getLock();
			if (!lock.tryLock()) {
				continue;
			}
			try {
				if (isLate(connection, timeout)) {
					cut(connection);
				}
			}
			finally {
				lock.unlock();
			}
		}
	}

	private static boolean isLate(SocketWrapperBase<NioChannel> connection, long timeout) {
		if (connection.isClosed() || !(connection.getCurrentProcessor() instanceof AbstractProcessor processor)
				|| processor.isAsync() || processor.isUpgrade()) {
			return false;
		}
		long start = processor.getRequest().getStartTimeNanos();
		return start > 0 && System.nanoTime() - start > timeout;
	}

	private void cut(SocketWrapperBase<NioChannel> connection) {
		connection.setError(new SocketTimeoutException("Request head not read within its deadline"));
		if (!getEndpoint().processSocket(connection, SocketEvent.ERROR, true)) {
			connection.close();
		}
	}

}
