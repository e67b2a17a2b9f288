package dev.tango.web.slowclients;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.management.UnixOperatingSystemMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a number of connections open to a server, each sending a request whose head is
 * complete and whose body comes one byte per interval, whatever the server answers. When
 * the server closes a connection, its lifetime is recorded; it is not reopened, so that
 * the load measures how long the server holds slow clients rather than how fast it
 * accepts new ones. One thread drives all connections with non-blocking sockets.
 * Thread-safe; close it to close every connection.
 */
public final class SlowClientLoad implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final InetSocketAddress address;

	private final byte[] head;

	private final List<Connection> connections = new ArrayList<>();

	private final List<Long> lifetimesNanos = new ArrayList<>();

	private final ScheduledExecutorService ticker;

	private long connectFailures;

	private SlowClientLoad(InetSocketAddress address, byte[] head) {
		this.address = address;
		this.head = head;
		this.ticker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("slow-clients").factory());
	}

	/**
	 * Opens the connections, sends every request head, and starts sending one body byte
	 * per connection every interval.
	 * @param address the server
	 * @param request the request line and headers, without the final empty line; a
	 * {@code Content-Length} far larger than what the load will send is added
	 * @param connections how many connections to open
	 * @param interval the pause between two bytes of a body
	 * @return the running load
	 * @throws IOException if not even one connection could be opened
	 */
	public static SlowClientLoad start(InetSocketAddress address, String request, int connections, Duration interval)
			throws IOException {
		if (connections < 1) {
			throw new IllegalArgumentException("At least one connection is needed, was " + connections);
		}
		byte[] head = (request.strip() + "\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
		SlowClientLoad load = new SlowClientLoad(address, head);
		synchronized (load) {
			for (int i = 0; i < connections; i++) {
				load.connections.add(load.open());
			}
		}
		if (load.connections.stream().allMatch((connection) -> connection.channel == null)) {
			load.close();
			throw new IOException("Could not connect to " + address);
		}
		long pause = interval.toNanos();
		load.ticker.scheduleWithFixedDelay(load::tick, pause, pause, TimeUnit.NANOSECONDS);
		return load;
	}

	private Connection open() {
		long opened = System.nanoTime();
		try {
			SocketChannel channel = SocketChannel.open();
			try {
				channel.socket().setTcpNoDelay(true);
				channel.socket().connect(this.address, (int) CONNECT_TIMEOUT.toMillis());
				channel.configureBlocking(false);
				channel.write(ByteBuffer.wrap(this.head));
				return new Connection(channel, opened);
			}
			catch (IOException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			this.connectFailures++;
			return new Connection(null, opened);
		}
	}

	private synchronized void tick() {
		ByteBuffer answer = ByteBuffer.allocate(256);
		for (int i = 0; i < this.connections.size(); i++) {
			Connection connection = this.connections.get(i);
			if (connection.channel != null && !connection.alive(answer)) {
				this.lifetimesNanos.add(System.nanoTime() - connection.opened);
				connection.close();
				this.connections.set(i, new Connection(null, connection.opened));
			}
		}
	}

	/**
	 * Returns how many connections this process can afford to hold, given its limit on
	 * open files.
	 * @param wanted the connections wanted
	 * @param filesEach the open files one connection costs in this process: 1 against
	 * another process, 2 against a server running in this one
	 * @return {@code wanted}, or fewer if the limit on open files leaves room for fewer
	 * (with 256 files spare)
	 */
	public static int affordable(int wanted, int filesEach) {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
			long room = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 256;
			return (int) Math.max(0, Math.min(wanted, room / filesEach));
		}
		return wanted;
	}

	/**
	 * Returns what the load has seen so far.
	 * @return the statistics
	 */
	public synchronized Stats stats() {
		int open = (int) this.connections.stream().filter((connection) -> connection.channel != null).count();
		return new Stats(open, this.lifetimesNanos.size(), this.connectFailures,
				Percentiles.of(this.lifetimesNanos.stream().mapToLong(Long::longValue).toArray()));
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		try {
			this.ticker.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this) {
			this.connections.forEach(Connection::close);
		}
	}

	/**
	 * What the load has seen.
	 *
	 * @param open connections open now
	 * @param closedByServer connections the server closed
	 * @param connectFailures connections that could not be opened
	 * @param lifetimes how long the connections the server closed lived, from connect to
	 * the first tick that saw the close (so up to one interval late)
	 */
	public record Stats(int open, long closedByServer, long connectFailures, Percentiles lifetimes) {

	}

	/** One slow connection. */
	private static final class Connection {

		private final @Nullable SocketChannel channel;

		private final long opened;

		Connection(@Nullable SocketChannel channel, long opened) {
			this.channel = channel;
			this.opened = opened;
		}

		/**
		 * Reads whatever the server sent (an early answer does not stop a slow client),
		 * then sends the next body byte.
		 * @param scratch a buffer for what the server sent
		 * @return whether the connection is still open
		 */
		boolean alive(ByteBuffer scratch) {
			try {
				int read;
				do {
					scratch.clear();
					read = this.channel.read(scratch);
				}
				while (read > 0);
				if (read < 0) {
					return false;
				}
				this.channel.write(ByteBuffer.wrap(new byte[] { 'a' }));
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		void close() {
			if (this.channel != null) {
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					// Closing anyway.
				}
			}
		}

	}

}
