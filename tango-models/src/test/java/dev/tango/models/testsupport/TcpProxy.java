package dev.tango.models.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy to one server, for tests that take a database away and bring it
 * back: {@link #cut()} closes every connection and refuses new ones (they are accepted
 * and closed at once, as a server that is down or restarting does); {@link #restore()}
 * forwards again. Listens on a random port of 127.0.0.1. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	/**
	 * Starts a proxy.
	 * @param host the server's host
	 * @param port the server's port
	 */
	public TcpProxy(String host, int port) {
		this.target = new InetSocketAddress(host, port);
		try {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofPlatform().name("tcp-proxy-accept").daemon(true).start(this::accept);
	}

	/**
	 * Returns the port the proxy listens on.
	 * @return the port on 127.0.0.1
	 */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** Closes every connection and refuses new ones until {@link #restore()}. */
	public void cut() {
		this.cut = true;
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	/** Forwards new connections again. */
	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.listener);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				closeQuietly(client);
				continue;
			}
			Socket server = new Socket();
			try {
				server.connect(this.target, 2000);
			}
			catch (IOException ex) {
				closeQuietly(client);
				closeQuietly(server);
				continue;
			}
			this.sockets.add(client);
			this.sockets.add(server);
			pump(client, server);
			pump(server, client);
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofPlatform().name("tcp-proxy-pump").daemon(true).start(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read; (read = in.read(buffer)) >= 0;) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Closed by cut() or by either side.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		});
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Nothing to do.
		}
	}

}
