package dev.tango.runtime.artifact;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.tango.runtime.artifact.TransferLimitException.Limit;

/**
 * One download held to its {@link TransferLimits}. Streams the download reads are
 * {@link #watch watched}: each read counts the bytes it returns, and throws a
 * {@link TransferLimitException} once a limit is passed. A watchdog (a virtual thread)
 * stops a read that blocks past a limit by closing the connection the stream was watched
 * with, so a limit holds however long the connection's own read timeout is; the blocked
 * read then throws the {@link TransferLimitException}, not the connection's error.
 *
 * <p>
 * One thread at a time reads the watched streams; {@link #bytes()} and {@link #close()}
 * may be called from any thread. Close the transfer when the download ends, whether it
 * succeeded or not: that stops the watchdog (the connections are the caller's to close).
 */
public final class Transfer implements AutoCloseable {

	private final String uri;

	private final TransferLimits limits;

	private final long deadlineNanos;

	private final long windowNanos;

	private final long startNanos;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition closing = this.lock.newCondition();

	private long bytes;

	private long windowStartNanos;

	private long windowStartBytes;

	private @Nullable Closeable connection;

	private @Nullable Limit exceeded;

	private boolean closed;

	Transfer(String uri, TransferLimits limits) {
		this.uri = Objects.requireNonNull(uri, "uri");
		this.limits = Objects.requireNonNull(limits, "limits");
		this.deadlineNanos = nanos(limits.deadline());
		this.windowNanos = nanos(limits.lowSpeedWindow());
		this.startNanos = System.nanoTime();
		this.windowStartNanos = this.startNanos;
		Thread.ofVirtual().name("tango-transfer-watchdog").start(this::guard);
	}

	/**
	 * Registers a connection of this download before it connects (and, for TLS,
	 * handshakes): a limit that passes while it does closes it. Its stream is
	 * {@link #watch watched} once connected.
	 * @param connection what to close to stop the connection (such as its socket)
	 * @throws TransferLimitException if a limit has already passed (the connection is
	 * then closed)
	 */
	public void connecting(Closeable connection) throws TransferLimitException {
		Objects.requireNonNull(connection, "connection");
		this.lock.lock();
		try {
			this.connection = connection;
		}
		finally {
			this.lock.unlock();
		}
		try {
			check();
		}
		catch (TransferLimitException ex) {
			try {
				connection.close();
			}
			catch (IOException | RuntimeException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	/**
	 * Watches a stream of this download, such as the input of each connection it opens
	 * (one after another, as redirects are followed): reads through the returned stream
	 * count towards the limits, and a read blocked past a limit is stopped by closing
	 * {@code connection}.
	 * @param in the stream to watch
	 * @param connection what to close to stop a read of {@code in} that blocks (such as
	 * the socket under it)
	 * @return the watched stream; closing it closes {@code in}
	 * @throws TransferLimitException if a limit has already passed (the connection is
	 * then closed)
	 */
	public InputStream watch(InputStream in, Closeable connection) throws TransferLimitException {
		Objects.requireNonNull(in, "in");
		connecting(connection);
		return new Watched(in);
	}

	/**
	 * Throws if a limit has passed.
	 * @throws TransferLimitException if a limit has passed
	 */
	public void check() throws TransferLimitException {
		Limit limit;
		long received;
		this.lock.lock();
		try {
			limit = exceeded(System.nanoTime());
			this.exceeded = limit;
			received = this.bytes;
		}
		finally {
			this.lock.unlock();
		}
		if (limit != null) {
			throw new TransferLimitException(this.uri, received, limit, this.limits);
		}
	}

	/**
	 * Returns the number of bytes read through the watched streams so far.
	 * @return the count
	 */
	public long bytes() {
		this.lock.lock();
		try {
			return this.bytes;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stops the watchdog; idempotent. Leaves the connections open.
	 */
	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.connection = null;
			this.closing.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Counts {@code count} bytes (-1 at the end) that a read returned, then checks. */
	private void received(long count) throws TransferLimitException {
		long now = System.nanoTime();
		this.lock.lock();
		try {
			// Judged before the bytes count: bytes that came after their window closed
			// do not save it.
			Limit limit = exceeded(now);
			if (count > 0) {
				this.bytes += count;
			}
			if (limit != null) {
				this.exceeded = limit;
			}
			else if (this.bytes - this.windowStartBytes >= this.limits.lowSpeedBytes()) {
				this.windowStartNanos = now;
				this.windowStartBytes = this.bytes;
			}
		}
		finally {
			this.lock.unlock();
		}
		check();
	}

	/**
	 * Turns a read's failure into the limit that made the watchdog close the connection.
	 */
	private IOException failed(IOException ex) {
		Limit limit;
		long received;
		this.lock.lock();
		try {
			limit = this.exceeded;
			received = this.bytes;
		}
		finally {
			this.lock.unlock();
		}
		if (limit == null) {
			return ex;
		}
		TransferLimitException stopped = new TransferLimitException(this.uri, received, limit, this.limits);
		stopped.addSuppressed(ex);
		return stopped;
	}

	/** The limit passed at {@code now}, or {@code null}; called with the lock held. */
	private @Nullable Limit exceeded(long now) {
		if (this.exceeded != null) {
			return this.exceeded;
		}
		if (now - this.startNanos >= this.deadlineNanos) {
			return Limit.DEADLINE;
		}
		if (this.limits.lowSpeedBytes() > 0 && now - this.windowStartNanos >= this.windowNanos
				&& this.bytes - this.windowStartBytes < this.limits.lowSpeedBytes()) {
			return Limit.LOW_SPEED;
		}
		return null;
	}

	/**
	 * The watchdog: sleeps until a limit could pass, then stops the transfer if it did.
	 */
	private void guard() {
		Closeable stop = null;
		this.lock.lock();
		try {
			while (!this.closed) {
				long now = System.nanoTime();
				Limit limit = exceeded(now);
				if (limit != null) {
					this.exceeded = limit;
					stop = this.connection;
					break;
				}
				long untilDeadline = this.deadlineNanos - (now - this.startNanos);
				long untilWindow = (this.limits.lowSpeedBytes() > 0) ? this.windowNanos - (now - this.windowStartNanos)
						: Long.MAX_VALUE;
				this.closing.awaitNanos(Math.max(1, Math.min(untilDeadline, untilWindow)));
			}
		}
		catch (InterruptedException ex) {
			return;
		}
		finally {
			this.lock.unlock();
		}
		if (stop != null) {
			try {
				stop.close();
			}
			catch (IOException | RuntimeException ex) {
				// The read it was to stop fails or ends either way.
			}
		}
	}

	private static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	/** A stream whose reads count towards the limits. */
	private final class Watched extends FilterInputStream {

		Watched(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b;
			try {
				b = this.in.read();
			}
			catch (IOException ex) {
				throw failed(ex);
			}
			received((b < 0) ? -1 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count;
			try {
				count = this.in.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
			received(count);
			return count;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped;
			try {
				skipped = this.in.skip(n);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
			received(skipped);
			return skipped;
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		@Override
		public void mark(int readLimit) {
			// Not supported: bytes read again would count twice.
		}

		@Override
		public void reset() throws IOException {
			throw new IOException("mark/reset not supported");
		}

	}

}
