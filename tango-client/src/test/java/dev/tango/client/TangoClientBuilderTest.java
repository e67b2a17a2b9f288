package dev.tango.client;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the builder refuses (base URIs with credentials, without a host, of another
 * scheme; API keys that no header may carry), and how it writes the base URI, seen on the
 * wire by a real HTTP server on a loopback port.
 */
class TangoClientBuilderTest {

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	@Test
	void refusesABaseUriWithCredentialsWithoutSayingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TangoClient.builder(URI.create("http://admin:s3cret@localhost:8080")).build())
			.withMessageContaining("user information")
			.withMessageNotContaining("s3cret");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TangoClient.builder(URI.create("http://admin:s3cret@tango_api:8080")).build())
			.withMessageNotContaining("s3cret");
	}

	@Test
	void refusesABaseUriWithoutAHostOrOfAnotherScheme() {
		for (String uri : new String[] { "http:localhost", "http:///v1", "https:/path", "ftp://localhost",
				"/relative" }) {
			assertThatIllegalArgumentException().as(uri).isThrownBy(() -> TangoClient.builder(URI.create(uri)).build());
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TangoClient.builder(URI.create("http://localhost?x=1")).build());
	}

	@Test
	void refusesAnApiKeyThatIsNotVisibleAsciiWithoutSayingIt() {
		for (String key : new String[] { "k3y\r\nX-Admin: yes", "k3y\n", "k3y\u0000", "k3y\tk", "k3y\u007f",
				"k3y with spaces", "k3yé", "k3y\u20ac" }) {
			assertThatIllegalArgumentException().as(key)
				.isThrownBy(() -> TangoClient.builder(this.server.uri()).apiKey(key).build())
				.withMessageNotContaining("k3y");
		}
	}

	@Test
	void readsTheSchemeInAnyCaseAndDropsEveryTrailingSlash() {
		this.server.then(200, "application/json", "{\"ready\": true}")
			.then(200, "application/json", "{\"ready\": true}");
		String hostAndPort = this.server.uri().getRawAuthority();

		assertThat(TangoClient.builder(URI.create("HTTP://" + hostAndPort + "//")).build().serverReady()).isTrue();
		assertThat(TangoClient.builder(URI.create("Http://" + hostAndPort + "/tango///")).build().serverReady())
			.isTrue();

		assertThat(this.server.received()).extracting(ScriptedServer.Received::path)
			.containsExactly("/v2/health/ready", "/tango/v2/health/ready");
	}

}
