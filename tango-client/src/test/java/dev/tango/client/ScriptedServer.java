package dev.tango.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * the connection without answering, stall in its body, or have a body without end. A
 * JUnit extension: registered on a test's field, it listens from before each test until
 * after it.
 */
final class ScriptedServer implements BeforeEachCallback, AfterEachCallback {

	private @Nullable HttpServer server;

	private final Queue<Answer> answers = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** Holds stalled answers until the test ends. */
	private final CountDownLatch stopped = new CountDownLatch(1);

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
		this.stopped.countDown();
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
		return then(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
	}

	/** Queues an answer whose body is given as bytes. */
	ScriptedServer then(int status, String contentType, byte[] body, String... headers) {
		return queue(new Answer(Kind.WHOLE, status, contentType, body, headers));
	}

	/** Queues a dropped connection: the request is read, then the connection closed. */
	ScriptedServer thenDrop() {
		return queue(new Answer(Kind.DROP, 0, "", new byte[0], new String[0]));
	}

	/**
	 * Queues an answer that stalls: its headers announce a body longer than the start
	 * that follows them, and the rest never comes (until the test ends).
	 */
	ScriptedServer thenStall(int status, String contentType, String start) {
		return queue(
				new Answer(Kind.STALL, status, contentType, start.getBytes(StandardCharsets.UTF_8), new String[0]));
	}

	/**
	 * Queues an answer whose body is spaces without end: it ends when the client stops
	 * reading, or when the test ends.
	 */
	ScriptedServer thenEndless(int status, String contentType) {
		return queue(new Answer(Kind.ENDLESS, status, contentType, new byte[0], new String[0]));
	}

	private ScriptedServer queue(Answer answer) {
		synchronized (this.answers) {
			this.answers.add(answer);
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
			answer = new Answer(Kind.WHOLE, 500, "text/plain", "no answer scripted".getBytes(StandardCharsets.UTF_8),
					new String[0]);
		}
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		for (int i = 0; i < answer.headers().length; i += 2) {
			exchange.getResponseHeaders().add(answer.headers()[i], answer.headers()[i + 1]);
		}
		switch (answer.kind()) {
			// closing the exchange without a response makes the server close the
			// connection
			case DROP -> exchange.close();
			case WHOLE -> whole(exchange, answer);
			case STALL -> stall(exchange, answer);
			case ENDLESS -> endless(exchange, answer);
		}
	}

	private static void whole(HttpExchange exchange, Answer answer) throws IOException {
		byte[] bytes = answer.body();
		exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void stall(HttpExchange exchange, Answer answer) throws IOException {
		exchange.sendResponseHeaders(answer.status(), answer.body().length + 1000);
		OutputStream out = exchange.getResponseBody();
		out.write(answer.body());
		out.flush();
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void endless(HttpExchange exchange, Answer answer) throws IOException {
		byte[] spaces = new byte[64 * 1024];
		Arrays.fill(spaces, (byte) ' ');
		exchange.sendResponseHeaders(answer.status(), 0);
		try (OutputStream out = exchange.getResponseBody()) {
			while (this.stopped.getCount() > 0) {
				out.write(spaces);
			}
		}
		catch (IOException ex) {
			// the client stopped reading and closed the connection
		}
	}

	enum Kind {

		WHOLE, DROP, STALL, ENDLESS

	}

	record Answer(Kind kind, int status, String contentType, byte[] body, String[] headers) {

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
