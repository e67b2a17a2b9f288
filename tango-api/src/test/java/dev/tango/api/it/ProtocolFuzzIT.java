package dev.tango.api.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tango.models.testsupport.HttpFuzzer;
import dev.tango.models.testsupport.HttpFuzzer.Request;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded protocol fuzz of every endpoint of the service, over real HTTP with
 * the real cascade: mutated copies of valid requests (see {@link HttpFuzzer}) must never
 * be answered with a 5xx, and the service must still classify afterwards. The seed and
 * the count are {@code -Dtango.fuzz.seed} and {@code -Dtango.fuzz.requests}; a failure
 * prints the seed and each request that failed.
 */
class ProtocolFuzzIT extends ServiceIT {

	static final long SEED = Long.getLong("tango.fuzz.seed", 20261202L);

	static final int REQUESTS = Integer.getInteger("tango.fuzz.requests", 1500);

	@Test
	void undecodableQueryParametersAre400() {
		Response response = get("/actuator/prometheus?includedNames=%C0%AF");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").stringValue()).contains("cannot be decoded");
	}

	@Test
	void whatTomcatRefusesItselfIsAProblemOfTheServicesTypes() {
		Response trace = send(
				HttpRequest.newBuilder(uri("/v1/classify")).method("TRACE", BodyPublishers.noBody()).build());
		assertThat(trace.status()).as(trace.body()).isEqualTo(405);
		assertThat(trace.contentType()).startsWith("application/problem+json");
		assertThat(trace.json().get("type").stringValue()).isEqualTo("https://tango.dev/problems/method-not-allowed");
		assertThat(trace.json().get("instance").stringValue()).isEqualTo("/v1/classify");
		assertThat(trace.json().get("title").stringValue()).isEqualTo("Method not allowed");

		Response protocol = send(HttpRequest.newBuilder(uri("/v2/models/" + SentimentCascadeFixture.NAME + "/infer"))
			.method("TRACE", BodyPublishers.noBody())
			.build());
		assertThat(protocol.status()).as(protocol.body()).isEqualTo(405);
		assertThat(protocol.contentType()).startsWith("application/json");
		assertThat(protocol.json().get("error").stringValue()).isEqualTo("TRACE method is not allowed");

		Response error = get("/error");
		assertThat(error.status()).as(error.body()).isEqualTo(404);
		assertThat(error.json().get("type").stringValue()).isEqualTo("https://tango.dev/problems/not-found");

		Response slash = get("/v1/a%2Fb");
		assertThat(slash.status()).as(slash.body()).isEqualTo(400);
		assertThat(slash.json().get("type").stringValue()).isEqualTo("https://tango.dev/problems/malformed-request");
		assertThat(slash.json().get("title").stringValue()).as("the type's one title").isEqualTo("Malformed request");
	}

	@Test
	void anAcceptedCharsetOtherThanUtf8IsAnsweredInUtf8() {
		for (String charset : List.of("latin1", "UTF-16", "US-ASCII")) {
			Response answer = post("/v1/classify", inputs(List.of("a wonderful , moving film . café")), "Accept",
					"application/json; charset=" + charset);
			assertThat(answer.status()).as(charset + ": " + answer.body()).isEqualTo(200);
			assertThat(answer.contentType()).as(charset)
				.startsWith("application/json")
				.doesNotContainIgnoringCase(charset);
			Response metadata = get("/v2", "Accept", "application/json;charset=" + charset);
			assertThat(metadata.status()).as(charset + ": " + metadata.body()).isEqualTo(200);
		}
	}

	@Test
	void theProtocolsBarePathGetsTheProtocolsErrorObject() {
		Response refused = get("/v2", "Accept", "garbage//");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("error").stringValue()).startsWith("The Accept header cannot be parsed");
		Response probe = get("/v2/health/live", "Content-Encoding", "br");
		assertThat(probe.status()).as("a request without a body has no coding to refuse: " + probe.body())
			.isEqualTo(200);
	}

	@Test
	void probesNameNoHostPath() {
		Response health = get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.body()).doesNotContain(System.getProperty("user.dir")).doesNotContain("diskSpace");
		assertThat(get("/actuator/prometheus").body()).doesNotContain(System.getProperty("user.dir"))
			.doesNotContain("disk_free");
	}

	@Test
	void aBodyRefusedOnItsHeadersIsNeverAskedFor() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String status = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(status).as("a final status, not 100 Continue").startsWith("HTTP/1.1 413");
		}
	}

	@Test
	void mutatedRequestsAreNeverAnsweredWithA5xx() {
		String name = SentimentCascadeFixture.NAME;
		int version = active().version().version();
		String classify = """
				{"inputs": ["a wonderful , moving film .", {"text": "is it good ?", "pair": "it is dull ."}],
				 "probabilities": true, "truncate": true}""";
		String infer = """
				{"id": "fuzz", "parameters": {"truncate": true},
				 "inputs": [{"name": "text", "shape": [2], "datatype": "BYTES", "data": ["great fun .", "tedious ."]}],
				 "outputs": [{"name": "label"}, {"name": "probabilities", "parameters": {"binary_data": false}}]}""";
		List<Request> seeds = List.of(Request.json("POST", "/v1/classify", classify),
				Request.json("POST", "/v1/cascades/" + name + "/classify", classify),
				Request.json("POST", "/v2/models/" + name + "/infer", infer),
				Request.json("POST", "/v2/models/" + name + "/versions/" + version + "/infer", infer),
				Request.of("GET", "/v2"), Request.of("GET", "/v2/health/live"), Request.of("GET", "/v2/health/ready"),
				Request.of("GET", "/v2/models/" + name), Request.of("GET", "/v2/models/" + name + "/ready"),
				Request.of("GET", "/v2/models/" + name + "/versions/" + version),
				Request.of("GET", "/v2/models/" + name + "/versions/" + version + "/ready"),
				Request.of("GET", "/actuator/health"), Request.of("GET", "/actuator/health/readiness"),
				Request.of("GET", "/actuator/info"), Request.of("GET", "/actuator/prometheus"),
				Request.of("GET", "/v3/api-docs"));
		HttpFuzzer fuzzer = new HttpFuzzer(this.port, Map.of());
		for (Request seed : seeds) {
			assertThat(fuzzer.send(seed)).as(seed.describe()).isBetween(200, 299);
		}

		HttpFuzzer.Report report = fuzzer.run(seeds, REQUESTS, SEED);
		System.out.println("tango-api protocol fuzz: " + report.summary());

		assertThat(report.serverErrors()).as(report.summary()).isEmpty();
		Response valid = post("/v1/classify", inputs(List.of("a wonderful , moving film .")));
		assertThat(valid.status()).as(valid.body()).isEqualTo(200);
		assertThat(valid.json().get("results").get(0).get("label").stringValue()).isEqualTo("positive");
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
	}

}
