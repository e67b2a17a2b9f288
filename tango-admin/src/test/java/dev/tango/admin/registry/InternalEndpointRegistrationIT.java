package dev.tango.admin.registry;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.SignedInClientTests;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration of {@code remote-oip} model versions whose endpoint is inside the cluster,
 * on PostgreSQL through the REST API, with {@code tango.runtime.remote.internal-hosts}
 * listing {@code 127.0.0.1}: the endpoint of a listed host is registered, over plain
 * {@code http} too, an unlisted host that resolves to the same loopback address is
 * refused naming the host and the setting, and listing a host allows no artifact download
 * from it. ({@link RegistryApiIT} shows the refusal with nothing listed, the default.)
 */
@AdminIntegrationTest
@ArtifactRoot("internal-endpoint-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false", "tango.runtime.remote.internal-hosts=127.0.0.1" })
class InternalEndpointRegistrationIT extends SignedInClientTests {

	static final String DIGEST = "0".repeat(64);

	@Test
	void anEndpointOfAListedHostIsRegisteredOverPlainHttpToo() {
		String endpoint = "http://127.0.0.1:8000/v2/models/sst2-large/versions/2";
		HttpResponse<String> registered = this.http.postJson("/api/models/in-cluster/versions", remote(endpoint));

		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		JsonNode model = AdminHttp.json(this.http.get("/api/models/in-cluster/versions/1"))
			.get("artifacts")
			.get("MODEL");
		assertThat(model.get("uri").asString()).isEqualTo(endpoint);
		assertThat(model.get("sha256").isNull()).as("an endpoint has no sha256").isTrue();
		assertThat(
				this.http.postJson("/api/cascades/in-cluster/versions", "{\"tiers\": [{\"model\": \"in-cluster:1\"}]}")
					.statusCode())
			.isEqualTo(201);
	}

	@Test
	void anUnlistedHostIsRefusedNamingTheHostAndTheSetting() {
		HttpResponse<String> loopback = this.http.postJson("/api/models/unlisted/versions",
				remote("https://localhost:8443/v2/models/sst2-large"));
		HttpResponse<String> plainHttp = this.http.postJson("/api/models/unlisted/versions",
				remote("http://localhost:8000/v2/models/sst2-large"));
		HttpResponse<String> unverified = this.http.postJson("/api/models/unlisted/versions?verify=false",
				remote("https://localhost:8443/v2/models/sst2-large"));

		assertProblem(loopback, 400, "invalid-request");
		assertThat(AdminHttp.json(loopback).get("detail").asString()).isEqualTo(
				"The model of a remote-oip model is refused: Endpoint https://localhost:8443/v2/models/sst2-large: "
						+ "host localhost resolves to 127.0.0.1, a loopback address; "
						+ "list the host in tango.runtime.remote.internal-hosts to allow it");
		assertProblem(plainHttp, 400, "invalid-request");
		assertThat(AdminHttp.json(plainHttp).get("detail").asString())
			.contains("allowed only to hosts listed in tango.runtime.remote.internal-hosts", "list the host localhost");
		assertProblem(unverified, 400, "invalid-request");
		assertThat(this.registry.listModelVersions("unlisted")).isEmpty();
	}

	@Test
	void aListedHostServesNoArtifactDownloads() {
		HttpResponse<String> head = this.http.postJson("/api/models/downloads/versions", """
				{"kind": "lexical-linear", "artifacts": {"head": {"uri": "https://127.0.0.1/heads/h.json",
				 "sha256": "%s"}}, "labels": ["0", "1"], "maxInputLength": 1000}""".formatted(DIGEST));
		HttpResponse<String> tokenizer = this.http.postJson("/api/models/downloads/versions", """
				{"kind": "remote-oip", "artifacts": {"model": {"uri": "http://127.0.0.1:8000/v2/models/m"},
				 "tokenizer": {"uri": "https://127.0.0.1/tokenizer.json", "sha256": "%s"}},
				 "labels": ["0", "1"], "maxInputLength": 128}""".formatted(DIGEST));

		for (HttpResponse<String> refused : List.of(head, tokenizer)) {
			assertProblem(refused, 400, "invalid-artifact");
			assertThat(AdminHttp.json(refused).get("reason").asString()).isEqualTo("LOOPBACK_ADDRESS");
		}
		assertThat(this.registry.listModelVersions("downloads")).isEmpty();
	}

	static String remote(String endpoint) {
		return """
				{"kind": "remote-oip", "artifacts": {"model": {"uri": "%s"}}, "labels": ["0", "1"],
				 "maxInputLength": 512, "options": {"timeoutMillis": "2000"}}""".formatted(endpoint);
	}

}
