package dev.tango.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept-alive connections over real sockets: after every answer the server either answers
 * the next request on the connection or has said {@code Connection: close} on that
 * answer. Covers an answer given before its request's body was read (a 415 refusal,
 * written as a problem detail that Spring MVC flushes), a connection idle for longer than
 * the read timeout but shorter than the keep-alive timeout, one idle past the keep-alive
 * timeout (closed by the server before the client sends again), and requests after a slow
 * one while the sweep for late heads runs.
 */
@SpringBootTest(classes = TestService.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tango.web.read-timeout=1s", "tango.web.keep-alive-timeout=3s",
				"tango.web.request-read-timeout=1500ms", "spring.mvc.problemdetails.enabled=true" })
class KeepAliveIT {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String REFUSED_HEAD = "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
			+ "Content-Type: application/*\r\nContent-Length: 5\r\n\r\n";

	private static final String NEXT = "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n";

	@LocalServerPort
	int port;

	@Test
	void saysCloseOnARefusalWhoseBodyIsStillDue() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			String refusal = http.send(REFUSED_HEAD).readResponse(WAIT);
			assertThat(refusal).startsWith("HTTP/1.1 415");
			// The body was not there when the answer went: the server does not wait for
			// it, so it must not offer the connection for another request.
			assertThat(refusal.toLowerCase()).as(refusal).contains("connection: close");
			assertThat(http.closedByServer(WAIT)).isTrue();
		}
	}

	@Test
	void answersTheNextRequestOrSaysCloseAfterARefusalWithItsBody() throws Exception {
		for (int i = 0; i < 20; i++) {
			try (RawHttp http = new RawHttp(this.port)) {
				String refusal = http.send(REFUSED_HEAD + "hello").readResponse(WAIT);
				assertThat(refusal).startsWith("HTTP/1.1 415");
				if (refusal.toLowerCase().contains("connection: close")) {
					assertThat(http.closedByServer(WAIT)).isTrue();
				}
				else {
					assertThat(http.send(NEXT).readResponse(WAIT)).as("the request after: " + refusal)
						.startsWith("HTTP/1.1 200");
				}
			}
		}
	}

	@Test
	void keepsAnIdleConnectionPastTheReadTimeoutUntilTheKeepAliveTimeout() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			assertThat(http.send(NEXT).readResponse(WAIT)).startsWith("HTTP/1.1 200");
			// Idle twice the 1 s read timeout, under the 3 s keep-alive timeout.
			Thread.sleep(2000);
			String second = http.send(NEXT).readResponse(WAIT);
			assertThat(second).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
			// Past the keep-alive timeout the server closes the connection itself, so a
			// client that looks before sending sees it closed. Tomcat sweeps for idle
			// connections about once a second, later on a busy machine: the close may
			// come seconds after the timeout, still far sooner than the default 65 s.
			Thread.sleep(3500);
			assertThat(http.closedByServer(Duration.ofSeconds(3))).isTrue();
		}
	}

	@Test
	void answersABodyThatStopsArrivingWithAProblemAndCloses() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 100\r\n\r\nten bytes.");
			// Silent past the 1 s read timeout, before the 1.5 s request deadline.
			RawHttp.Exchange exchange = http.readUntilClosed(WAIT);
			assertThat(exchange.status()).as(exchange.text()).isEqualTo(408);
			assertThat(exchange.head()).as(exchange.text())
				.contains("content-type: application/problem+json")
				.contains("connection: close");
			assertThat(exchange.body()).contains("https://tango.dev/problems/request-timeout")
				.contains("stopped arriving for 1000 ms");
		}
	}

	@Test
	void answersRequestsAfterASlowOneOnTheSameConnection() throws Exception {
		try (RawHttp http = new RawHttp(this.port)) {
			http.send("POST /echo HTTP/1.1\r\n");
			// The head in pieces for about 1 s of its 1.5 s deadline, each pause well
			// under the 1 s read timeout.
			for (String piece : new String[] { "Host: localhost\r\n", "Content-Type: text/plain\r\n",
					"Content-Length: 5\r\n", "X-A: a\r\n", "X-B: b\r\n" }) {
				Thread.sleep(200);
				http.send(piece);
			}
			String slow = http.send("\r\nhello").readResponse(WAIT);
			assertThat(slow).startsWith("HTTP/1.1 200").endsWith("read 5");
			assertThat(http.send(NEXT).readResponse(WAIT)).startsWith("HTTP/1.1 200");
			// Idle past the head deadline and several sweeps: the next request's head is
			// timed from its own first byte.
			Thread.sleep(2000);
			assertThat(http.send(NEXT).readResponse(WAIT)).startsWith("HTTP/1.1 200");
		}
	}

}
