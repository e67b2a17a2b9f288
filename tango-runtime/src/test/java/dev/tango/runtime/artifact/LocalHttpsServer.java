package dev.tango.runtime.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.tango.runtime.testsupport.TestCertificates;

/**
 * An HTTPS server on the loopback interface with a certificate made by keytool for the
 * test, counting the requests for each path, and a client that downloads from it the way
 * an artifact downloader does: a TCP socket with a 60 s read timeout, TLS over it, one
 * HTTP/1.1 GET, the response read through a watched {@link Transfer} whose connection is
 * the TCP socket.
 */
final class LocalHttpsServer implements AutoCloseable {

	private static final int READ_TIMEOUT_MILLIS = 60_000;

	private final HttpsServer server;

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private final SSLSocketFactory clientSockets;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private LocalHttpsServer(TestCertificates certificates) throws IOException {
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(certificates.context("server", "client")));
		this.server.setExecutor(this.handlers);
		this.server.start();
		this.clientSockets = certificates.context(null, "server").getSocketFactory();
	}

	/**
	 * Starts a server whose certificates are made in a folder.
	 * @param dir an empty folder
	 * @return the running server
	 * @throws IOException if keytool or the server fails
	 */
	static LocalHttpsServer start(Path dir) throws IOException {
		return new LocalHttpsServer(TestCertificates.create(dir));
	}

	/** Answers a path (and the paths below it) with a handler, counting its requests. */
	void handle(String path, HttpHandler handler) {
		AtomicInteger count = this.requests.computeIfAbsent(path, (key) -> new AtomicInteger());
		this.server.createContext(path, (exchange) -> {
			count.incrementAndGet();
			try (exchange) {
				handler.handle(exchange);
			}
		});
	}

	/** Returns how many requests a path's handler received. */
	int requests(String path) {
		return this.requests.get(path).get();
	}

	/** Returns the https URI of a path. */
	String uri(String path) {
		return "https://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** Returns content that downloads a path within limits. */
	ArtifactCache.ContentWriter download(String path, TransferLimits limits) {
		return (out) -> {
			try (Transfer transfer = limits.start(uri(path)); InputStream body = get(path, transfer)) {
				body.transferTo(out);
			}
		};
	}

	/**
	 * GETs a path: the returned stream holds the body of a 200 response, read through the
	 * transfer; closing it closes the connection.
	 */
	InputStream get(String path, Transfer transfer) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(this.server.getAddress(), 10_000);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			SSLSocket tls = (SSLSocket) this.clientSockets.createSocket(socket, "127.0.0.1",
					this.server.getAddress().getPort(), true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			tls.setSSLParameters(parameters);
			tls.startHandshake();
			InputStream in = transfer.watch(tls.getInputStream(), socket);
			OutputStream request = tls.getOutputStream();
			request.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			request.flush();
			String head = head(in);
			if (!head.startsWith("HTTP/1.1 200 ")) {
				throw new IOException("GET " + uri(path) + ": " + head.lines().findFirst().orElse(""));
			}
			return new FilterInputStream(in) {

				@Override
				public void close() throws IOException {
					socket.close();
				}

			};
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private static String head(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed in the response head");
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/** Sends a whole body. */
	static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		exchange.getResponseBody().write(body);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

}
