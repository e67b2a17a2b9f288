package dev.tango.runtime.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for an Open Inference Protocol server on the loopback interface, for the
 * failures a real server is hard to make fail on cue (down, slow, 5xx, malformed
 * tensors): it answers every {@code infer} call through a function of the request and
 * records the requests and their headers.
 */
final class FakeOipServer implements AutoCloseable {

	/** An answer: status and body, after an optional delay. */
	record Answer(int status, String body, long delayMillis) {

		static Answer ok(String body) {
			return new Answer(200, body, 0);
		}

	}

	private final HttpServer server;

	final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	final List<String> traceparents = new CopyOnWriteArrayList<>();

	volatile Function<JsonNode, Answer> infer = (request) -> new Answer(500, "no answer set", 0);

	volatile String metadata = "{\"name\": \"m\", \"parameters\": {\"labels\": \"negative,positive\"}}";

	FakeOipServer() throws IOException {
		this(null);
	}

	/**
	 * Starts the server, over TLS that requires a client certificate when given a
	 * context.
	 * @param tls the server's key and the client certificates it trusts, or {@code null}
	 * for plain http
	 */
	FakeOipServer(@Nullable SSLContext tls) throws IOException {
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
		if (tls != null) {
			HttpsServer https = HttpsServer.create(address, 0);
			https.setHttpsConfigurator(new HttpsConfigurator(tls) {
				@Override
				public void configure(HttpsParameters parameters) {
					SSLParameters ssl = tls.getDefaultSSLParameters();
					ssl.setNeedClientAuth(true);
					parameters.setSSLParameters(ssl);
				}
			});
			this.server = https;
		}
		else {
			this.server = HttpServer.create(address, 0);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/v2/models/m", this::handle);
		this.server.start();
	}

	/** Returns the model's endpoint. */
	String endpoint() {
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return scheme + "://127.0.0.1:" + this.server.getAddress().getPort() + "/v2/models/m";
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Answer answer;
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			this.authorizations.add((auth != null) ? auth : "");
			String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
			this.traceparents.add((traceparent != null) ? traceparent : "");
			if (exchange.getRequestMethod().equals("GET")) {
				answer = Answer.ok(this.metadata);
			}
			else {
				JsonNode request = JsonMapper.shared().readTree(exchange.getRequestBody());
				this.requests.add(request);
				answer = this.infer.apply(request);
			}
			if (answer.delayMillis() > 0) {
				Thread.sleep(answer.delayMillis());
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns a response whose output {@code probabilities} gives each text of the
	 * request's {@code text} input 0.9 for {@code positive} if it holds "good", else 0.8
	 * for {@code negative}.
	 */
	static Answer sentiment(JsonNode request) {
		StringBuilder data = new StringBuilder();
		int n = 0;
		for (JsonNode text : request.path("inputs").get(0).path("data").values()) {
			boolean good = text.asString("").contains("good");
			data.append((n++ > 0) ? ", " : "").append(good ? "[0.1, 0.9]" : "[0.8, 0.2]");
		}
		return Answer.ok("""
				{"model_name": "m", "outputs": [{"name": "probabilities", "datatype": "FP32",
				 "shape": [%d, 2], "data": [%s]}]}""".formatted(n, data));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
