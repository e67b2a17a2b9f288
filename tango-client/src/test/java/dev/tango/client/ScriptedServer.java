package dev.tango.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on a loopback port that answers every request with the next of the
 * answers it was given, in order, and records what it received. An answer may also drop
 * the connection without answering. A JUnit extension: registered on a test's field, it
 * listens from before each test until after it.
 */
final class ScriptedServer implements BeforeEachCallback, AfterEachCallback {

	private @Nullable HttpServer server;

	private final Queue<Answer> answers = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		started.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		started.createContext("/", this::handle);
		started.start();
		this.server = started;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	URI uri() {
		return URI
			.create("http://localhost:" + Objects.requireNonNull(this.server, "not started").getAddress().getPort());
	}

	/** Queues an answer. */
	ScriptedServer then(int status, String contentType, String body, String... headers) {
		synchronized (this.answers) {
			this.answers.add(new Answer(status, contentType, body, headers, false));
		}
		return this;
	}

	/** Queues a dropped connection: the request is read, then the connection closed. */
	ScriptedServer thenDrop() {
		synchronized (this.answers) {
			this.answers.add(new Answer(0, "", "", new String[0], true));
		}
		return this;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.received
			.add(new Received(System.nanoTime(), exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
		Answer answer;
		synchronized (this.answers) {
			answer = this.answers.poll();
		}
		if (answer == null) {
			answer = new Answer(500, "text/plain", "no answer scripted", new String[0], false);
		}
		if (answer.drop()) {
			// closing the exchange without a response makes the server close the
			// connection
			exchange.close();
			return;
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		for (int i = 0; i < answer.headers().length; i += 2) {
			exchange.getResponseHeaders().add(answer.headers()[i], answer.headers()[i + 1]);
		}
		exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	record Answer(int status, String contentType, String body, String[] headers, boolean drop) {

	}

	/**
	 * A request the server received.
	 *
	 * @param nanos when, by {@link System#nanoTime()}
	 * @param method its method
	 * @param path its raw path
	 * @param headers its headers, names as the server normalised them
	 * @param body its body
	 */
	record Received(long nanos, String method, String path, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
