package dev.tango.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardened Tomcat over real sockets: slow bodies are cut off at the request deadline
 * with 408, refused requests close their connection without waiting for their body, and
 * errors Tomcat raises itself are problem details of the service's types (or
 * {@code {"error"}} under {@code /v2/}), and so is what reaches {@code /error}.
 */
@SpringBootTest(classes = TestService.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"tango.web.read-timeout=10s", "tango.web.request-read-timeout=1500ms", "tango.web.protocol-error-paths=/v2/" })
class TomcatHardeningIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void answersSlowBodiesWith408AndClosesAtTheRequestDeadline() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 100\r\n\r\n");
			// A byte every 200 ms keeps every single read under the 10 s read timeout.
			boolean cutOff = http.dribble(100, Duration.ofMillis(200));
			RawHttp.Exchange exchange = http.readUntilClosed(Duration.ofSeconds(10));
			assertThat(cutOff).as("stopped accepting the body").isTrue();
			assertThat(exchange.closed()).isTrue();
			assertThat(exchange.status()).as(exchange.text()).isEqualTo(408);
			assertThat(exchange.head()).contains("content-type: application/problem+json")
				.contains("connection: close");
			JsonNode problem = JSON.readTree(exchange.body());
			assertThat(problem.get("type").stringValue()).isEqualTo("https://tango.dev/problems/request-timeout");
			assertThat(problem.get("status").intValue()).isEqualTo(408);
			assertThat(problem.get("detail").stringValue()).contains("1500 ms");
			// Closed at the deadline plus one byte's pause (and a loaded machine's
			// delays),
			// far before the 20 s the whole body would take.
			assertThat(exchange.elapsed()).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void closesAConnectionWhoseHeadersDribblePastTheRequestDeadline() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
			// A header byte every 200 ms, never ending the head: no single read comes
			// near
			// the 10 s read timeout, so only a deadline on the whole head cuts it.
			long start = System.nanoTime();
			boolean cutOff = http.dribble(100, Duration.ofMillis(200));
			Duration dribbled = Duration.ofNanos(System.nanoTime() - start);
			RawHttp.Exchange exchange = http.readUntilClosed(Duration.ofSeconds(10));
			assertThat(cutOff).as("stopped accepting the head").isTrue();
			assertThat(exchange.closed()).isTrue();
			// Cut after the 1.5 s deadline, within a quarter of it for the sweep (and a
			// loaded machine's delays), far before the 20 s the bytes would take.
			assertThat(dribbled).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
			assertThat(exchange.elapsed()).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void keepsAliveAConnectionIdleBetweenRequestsAndAHeadInPiecesWithinTheDeadline() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
			// Idle past the 1.5 s deadline between two requests: the deadline counts from
			// a request's first byte, not from the connection's.
			Thread.sleep(2000);
			http.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n");
			Thread.sleep(1000);
			RawHttp.Exchange exchange = http.send("Connection: close\r\n\r\n").readUntilClosed(Duration.ofSeconds(10));
			assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
			assertThat(exchange.text().split("HTTP/1.1 200", -1)).as(exchange.text()).hasSize(3);
		}
	}

	@Test
	void closesARefusedRequestWithoutWaitingForItsBody() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("POST /secured/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 100000\r\n\r\nsome");
			RawHttp.Exchange exchange = http.readUntilClosed(Duration.ofSeconds(20));
			assertThat(exchange.closed()).isTrue();
			assertThat(exchange.status()).isEqualTo(401);
			assertThat(exchange.head()).contains("connection: close");
			// Well before the 10 s read timeout: the server did not wait for the body.
			assertThat(exchange.elapsed()).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void servesCompleteRequestsAndKeepsTheirConnectionsAlive() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 5\r\n\r\nhello");
			http.send("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			RawHttp.Exchange exchange = http.readUntilClosed(Duration.ofSeconds(10));
			assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
			assertThat(exchange.text()).contains("read 5").contains("\r\n\r\nhello");
		}
	}

	@Test
	void writesErrorsRaisedBelowTheApplicationAsProblemDetails() throws Exception {
		assertProblem("GET /a%2Fb HTTP/1.1\r\nHost: localhost\r\n\r\n", "encoded slash");
		assertProblem("GET /a%00b HTTP/1.1\r\nHost: localhost\r\n\r\n", "Invalid URI");
		String notUtf8 = "The request path holds percent-escapes that are not UTF-8";
		assertProblem("GET /a%C0%AFb HTTP/1.1\r\nHost: localhost\r\n\r\n", notUtf8);
		assertProblem("GET /a%FF HTTP/1.1\r\nHost: localhost\r\n\r\n", notUtf8);
		String tooLarge = "larger than the 8192 bytes this server reads";
		assertProblem("GET /hello?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", tooLarge);
		assertProblem("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", tooLarge);
		String malformed = "The request line or a header is malformed: ";
		assertProblem("GET /a|b HTTP/1.1\r\nHost: localhost\r\n\r\n", malformed + "Invalid character found");
		assertProblem("GET /hello HTTP/1.1\r\nHost: localhost\r\nX{: c\r\n\r\n", malformed);
		assertProblem("G@T /hello HTTP/1.1\r\nHost: localhost\r\n\r\n", malformed);
		String breaks = "The request breaks HTTP/1.1 in its request line or headers";
		assertProblem("GET /hello HTTP/1.1\r\n\r\n", breaks);
		assertProblem("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
				breaks);
	}

	@Test
	void writesErrorsRaisedBelowTheApplicationAsTheServicesPageForABrowser() throws Exception {
		RawHttp.Exchange exchange = exchange(
				"GET /a%2Fb?x=%3Cb%3E HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n");
		assertThat(exchange.status()).as(exchange.text()).isEqualTo(400);
		assertThat(exchange.head()).as(exchange.text()).contains("content-type: text/html");
		assertThat(exchange.body()).startsWith("<p>400 ").contains("encoded slash").doesNotContain("<b>");
	}

	@Test
	void refusesAnAcceptHeaderThatCannotBeParsedWithAProblem() throws Exception {
		String unparsable = "The Accept header cannot be parsed";
		for (String accept : List.of("garbage//", "text/html;q=abc", "text/html;q=2", "\"text/html\"")) {
			assertProblem("GET /hello HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n\r\n", unparsable);
		}
		RawHttp.Exchange exchange = exchange(
				"GET /hello HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain;q=0.5, */*;q=0.1\r\n"
						+ "Connection: close\r\n\r\n");
		assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
	}

	@Test
	void answersAMethodTomcatRefusesAndErrorOpenedDirectlyWithProblems() throws Exception {
		RawHttp.Exchange trace = exchange("TRACE /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(trace.status()).as(trace.text()).isEqualTo(405);
		assertThat(trace.head()).as(trace.text()).contains("content-type: application/problem+json");
		JsonNode problem = chunkedJson(trace);
		assertThat(problem.get("detail").stringValue()).isEqualTo("TRACE method is not allowed");
		assertThat(problem.get("instance").stringValue()).isEqualTo("/hello");
		RawHttp.Exchange error = exchange("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(error.status()).as(error.text()).isEqualTo(404);
		assertThat(error.head()).as(error.text()).contains("content-type: application/problem+json");
		assertThat(chunkedJson(error).get("detail").stringValue()).isEqualTo("No page here");
	}

	@Test
	void writesProtocolErrorsAsTheProtocolsErrorObject() throws Exception {
		RawHttp.Exchange exchange = exchange("GET /v2/a%2Fb HTTP/1.1\r\nHost: localhost\r\n\r\n");
		assertThat(exchange.status()).as(exchange.text()).isEqualTo(400);
		assertThat(exchange.head()).contains("content-type: application/json");
		assertThat(JSON.readTree(exchange.body()).get("error").stringValue()).isNotBlank();
	}

	/** Sends a request alone on a connection, and reads until the server closes it. */
	private RawHttp.Exchange exchange(String request) throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			return http.send(request).readUntilClosed(Duration.ofSeconds(10));
		}
	}

	/** The JSON object of a body sent in one chunk. */
	private static JsonNode chunkedJson(RawHttp.Exchange exchange) {
		String body = exchange.body();
		return JSON.readTree(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1));
	}

	private void assertProblem(String request, String detail) throws Exception {
		RawHttp.Exchange exchange = exchange(request);
		assertThat(exchange.status()).as(exchange.text()).isEqualTo(400);
		assertThat(exchange.head()).as(exchange.text()).contains("content-type: application/problem+json");
		JsonNode problem = JSON.readTree(exchange.body());
		assertThat(problem.get("status").intValue()).isEqualTo(400);
		assertThat(problem.get("title").stringValue()).isEqualTo("Test 400");
		assertThat(problem.get("type").stringValue()).isEqualTo("https://tango.dev/problems/test-400");
		assertThat(problem.get("detail").stringValue()).contains(detail);
	}

}
