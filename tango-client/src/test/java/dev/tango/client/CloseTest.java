package dev.tango.client;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Closing a client, against a real HTTP server on a loopback port: it closes the
 * {@link HttpClient} it made, and leaves open one of the caller's.
 */
class CloseTest {

	private static final String READY = "{\"ready\": true}";

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	@Test
	void closesTheConnectionsItMade() {
		this.server.then(200, "application/json", READY).then(200, "application/json", READY);
		TangoClient client = TangoClient.builder(this.server.uri()).retry(RetryPolicy.none()).build();
		TangoClient sharing = client.withRetry(RetryPolicy.defaults());
		assertThat(client.serverReady()).isTrue();

		client.close();
		client.close();

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(client::serverReady);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(sharing::serverReady)
			.satisfies((closed) -> assertThat(closed.getSuppressed()).as("not retried").isEmpty());
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void leavesTheCallersHttpClientOpen() {
		this.server.then(200, "application/json", READY).then(200, "application/json", READY);
		try (HttpClient http = HttpClient.newHttpClient()) {
			try (TangoClient client = TangoClient.builder(this.server.uri()).httpClient(http).build()) {
				assertThat(client.serverReady()).isTrue();
			}

			assertThat(http.isTerminated()).isFalse();
			assertThat(TangoClient.builder(this.server.uri()).httpClient(http).build().serverReady()).isTrue();
		}
	}

}
