package dev.tango.admin.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.testsupport.CraftedOnnx;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's REST API on PostgreSQL: registrations with artifacts verified against
 * their sha256, cascade versions, activation and rollback, and the problems each refusal
 * answers with; and the OpenAPI description of it all.
 */
@AdminIntegrationTest
@ArtifactRoot("registry-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class RegistryApiIT extends SignedInClientTests {

	static final Path ROOT = ArtifactDirectories.root("registry-it");

	static Path head;

	@BeforeAll
	static void fitAHead() throws IOException {
		head = LexicalHeads.fit(ROOT.resolve("lexical.json"), 12);
	}

	@Test
	void registersModelVersionsWhoseArtifactsMatchTheirDigest() throws IOException {
		HttpResponse<String> registered = this.http.postJson("/api/models/lexical-api/versions",
				lexical(head.toUri().toString(), Sha256.of(head)));
		HttpResponse<String> again = this.http.postJson("/api/models/lexical-api/versions",
				lexical(head.toUri().toString(), Sha256.of(head)).replace("lexical-linear", "Lexical"));

		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		assertThat(registered.headers().firstValue("Location")).hasValue("/api/models/lexical-api/versions/1");
		JsonNode version = AdminHttp.json(registered);
		assertThat(version.get("kind").asString()).isEqualTo("lexical-linear");
		assertThat(version.get("createdBy").asString()).isEqualTo("admin");
		assertThat(version.get("labels").valueStream().map((label) -> label.get("id").asString())).containsExactly("0",
				"1");
		assertThat(AdminHttp.json(again).get("version").asInt()).isEqualTo(2);
		assertThat(AdminHttp.json(again).get("kind").asString()).as("the deprecated alias, answered with the name")
			.isEqualTo("lexical-linear");
		assertThat(AdminHttp.json(this.http.get("/api/models/lexical-api/versions")).size()).isEqualTo(2);
		assertThat(AdminHttp.json(this.http.get("/api/models")).toString()).contains("lexical-api");
		assertThat(this.http.get("/api/models/lexical-api/versions/3").statusCode()).isEqualTo(404);
	}

	@Test
	void registersDisplayNamesForLabels() throws IOException {
		HttpResponse<String> registered = this.http.postJson("/api/models/lexical-named/versions",
				named(", \"displayNames\": {\"0\": \"negative\", \"1\": \"positive\"}"));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		JsonNode labels = AdminHttp.json(registered).get("labels");
		assertThat(labels.valueStream().map((label) -> label.get("id").asString())).containsExactly("0", "1");
		assertThat(labels.valueStream().map((label) -> label.get("displayName").asString())).containsExactly("negative",
				"positive");
		assertThat(AdminHttp.json(this.http.get("/api/models/lexical-named/versions/1")).get("labels"))
			.isEqualTo(labels);

		HttpResponse<String> unknown = this.http.postJson("/api/models/lexical-named/versions",
				named(", \"displayNames\": {\"2\": \"neutral\"}"));
		assertProblem(unknown, 400, "invalid-request");
		assertThat(AdminHttp.json(unknown).get("detail").asString()).contains("[2]", "not among the labels [0, 1]");
		HttpResponse<String> twice = this.http.postJson("/api/models/lexical-named/versions",
				named(", \"displayNames\": {\"0\": \"same\", \"1\": \"same\"}"));
		assertProblem(twice, 400, "invalid-request");
		assertThat(AdminHttp.json(twice).get("detail").asString()).contains("names must be distinct");
	}

	private static String named(String displayNames) throws IOException {
		return lexical(head.toUri().toString(), Sha256.of(head)).replace("\"labels\": [\"0\", \"1\"]",
				"\"labels\": [\"0\", \"1\"]" + displayNames);
	}

	@Test
	void refusedArtifactsAreProblems() throws IOException {
		String wrongDigest = "0".repeat(64);
		HttpResponse<String> mismatch = this.http.postJson("/api/models/refused/versions",
				lexical(head.toUri().toString(), wrongDigest));
		HttpResponse<String> outside = this.http.postJson("/api/models/refused/versions",
				lexical(Path.of("pom.xml").toAbsolutePath().toUri().toString(), Sha256.of(Path.of("pom.xml"))));
		HttpResponse<String> insecure = this.http.postJson("/api/models/refused/versions",
				lexical("http://example.com/head.json", wrongDigest));

		assertProblem(mismatch, 400, "invalid-artifact");
		assertThat(AdminHttp.json(mismatch).get("reason").asString()).isEqualTo("CHECKSUM_MISMATCH");
		assertProblem(outside, 400, "invalid-artifact");
		assertThat(AdminHttp.json(outside).get("reason").asString()).isEqualTo("OUTSIDE_ALLOWED_ROOTS");
		assertProblem(insecure, 400, "invalid-artifact");
		assertThat(this.registry.listModelVersions("refused")).isEmpty();
	}

	@Test
	void remoteEndpointsInsideTheClusterAreRefusedUntilTheirHostIsListed() {
		HttpResponse<String> loopback = this.http.postJson("/api/models/remote-default/versions",
				InternalEndpointRegistrationIT.remote("https://127.0.0.1:8443/v2/models/sst2-large"));
		HttpResponse<String> plainHttp = this.http.postJson("/api/models/remote-default/versions",
				InternalEndpointRegistrationIT.remote("http://127.0.0.1:8000/v2/models/sst2-large"));

		assertProblem(loopback, 400, "invalid-request");
		assertThat(AdminHttp.json(loopback).get("detail").asString()).contains("host 127.0.0.1 resolves to 127.0.0.1",
				"a loopback address; list the host in tango.runtime.remote.internal-hosts to allow it");
		assertProblem(plainHttp, 400, "invalid-request");
		assertThat(AdminHttp.json(plainHttp).get("detail").asString()).contains(
				"Endpoint http://127.0.0.1:8000/v2/models/sst2-large uses plain http",
				"listed in tango.runtime.remote.internal-hosts", "list the host 127.0.0.1");
		assertThat(this.registry.listModelVersions("remote-default")).isEmpty();
	}

	@Test
	void onnxModelsReadingFilesOutsideTheirFolderAreRefusedAtRegistration() throws IOException {
		Path folder = Files.createDirectories(ROOT.resolve("leaky"));
		Path tokenizer = Files.writeString(folder.resolve("tokenizer.json"), "{}");
		String[][] cases = { { "/etc/passwd", "ABSOLUTE_PATH" }, { "../../../../../etc/passwd", "PARENT_SEGMENT" },
				{ "..\\secret.txt", "WINDOWS_SEPARATOR" }, { "model.onnx", "UNDECLARED" },
				{ "tokenizer.json", "UNDECLARED" } };
		for (String[] refused : cases) {
			Path model = CraftedOnnx.write(folder.resolve("model.onnx"),
					CraftedOnnx.leakingInitializer("leaked_bytes", refused[0], 64));
			HttpResponse<String> response = this.http.postJson("/api/models/leaky/versions",
					classifier(model, tokenizer));

			assertProblem(response, 422, "invalid-model");
			JsonNode problem = AdminHttp.json(response);
			assertThat(problem.get("reason").asString()).as(refused[0]).isEqualTo(refused[1]);
			assertThat(problem.get("tensor").asString()).isEqualTo("leaked_bytes");
			assertThat(problem.get("detail").asString()).contains("leaked_bytes").doesNotContain("root:");
		}
		assertThat(this.registry.listModelVersions("leaky")).isEmpty();
	}

	@Test
	void aClassifierWhoseOutputWidthIsNotItsNumberOfLabelsIsRefusedAtRegistration() throws IOException {
		Path folder = Files.createDirectories(ROOT.resolve("three-classes"));
		Path tokenizer = realTokenizer(folder);
		Path model = CraftedOnnx.write(folder.resolve("model.onnx"), CraftedOnnx.declaringClassifierWidth(3));

		HttpResponse<String> response = this.http.postJson("/api/models/three-classes/versions",
				classifier(model, tokenizer));

		assertProblem(response, 422, "invalid-model");
		assertThat(AdminHttp.json(response).get("reason").asString()).isEqualTo("INVALID_CONTENT");
		assertThat(AdminHttp.json(response).get("detail").asString()).contains("gives 3 classes").contains("2 labels");
		assertThat(this.registry.listModelVersions("three-classes")).isEmpty();
	}

	@Test
	void aTokenizerThatIsJsonButNotATokenizerIsRefusedNamedByItsUri() throws IOException {
		Path folder = Files.createDirectories(ROOT.resolve("not-a-tokenizer"));
		Path tokenizer = Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": 1}");
		Path model = CraftedOnnx.write(folder.resolve("model.onnx"), CraftedOnnx.declaringClassifierWidth(2));

		HttpResponse<String> response = this.http.postJson("/api/models/not-a-tokenizer/versions",
				classifier(model, tokenizer));

		assertProblem(response, 422, "invalid-model");
		assertThat(AdminHttp.json(response).get("reason").asString()).isEqualTo("INVALID_CONTENT");
		assertThat(AdminHttp.json(response).get("detail").asString())
			.startsWith("the tokenizer " + tokenizer.toUri() + " cannot be loaded: Cannot load tokenizer ")
			.doesNotContain(ROOT.resolve("store").toString());
		assertThat(this.registry.listModelVersions("not-a-tokenizer")).isEmpty();
	}

	@Test
	void emptyOrUnparsableHeadsAreRefusedAtRegistration() throws IOException {
		Path empty = Files.write(ROOT.resolve("empty-head.json"), new byte[0]);
		Path notAHead = Files.writeString(ROOT.resolve("not-a-head.json"), "{\"format\": \"something else\"}");
		HttpResponse<String> emptyResponse = this.http.postJson("/api/models/broken/versions",
				lexical(empty.toUri().toString(), Sha256.of(empty)));
		HttpResponse<String> notAHeadResponse = this.http.postJson("/api/models/broken/versions",
				lexical(notAHead.toUri().toString(), Sha256.of(notAHead)));
		HttpResponse<String> wrongLabels = this.http.postJson("/api/models/broken/versions",
				lexical(head.toUri().toString(), Sha256.of(head)).replace("[\"0\", \"1\"]", "[\"neg\", \"pos\"]"));

		assertProblem(emptyResponse, 422, "invalid-model");
		assertThat(AdminHttp.json(emptyResponse).get("detail").asString()).contains("is empty");
		assertProblem(notAHeadResponse, 422, "invalid-model");
		assertThat(AdminHttp.json(notAHeadResponse).get("reason").asString()).isEqualTo("INVALID_CONTENT");
		assertProblem(wrongLabels, 422, "invalid-model");
		assertThat(AdminHttp.json(wrongLabels).get("detail").asString()).contains("labels");
		assertThat(this.registry.listModelVersions("broken")).isEmpty();
	}

	@Test
	void aChecksumMismatchDoesNotRevealTheDigestOfTheFileItRead() throws IOException {
		String wrongDigest = "0".repeat(64);
		String actual;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
			actual = Sha256.of(Objects.requireNonNull(in));
		}
		HttpResponse<String> mismatch = this.http.postJson("/api/models/probe/versions",
				lexical("classpath:application.properties", wrongDigest));

		assertProblem(mismatch, 400, "invalid-artifact");
		assertThat(AdminHttp.json(mismatch).get("reason").asString()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(mismatch.body()).contains(wrongDigest).doesNotContain(actual);
	}

	@Test
	void invalidRequestsAreProblems() throws IOException {
		assertProblem(this.http.postJson("/api/models/broken/versions", """
				{"kind": "lexical-linear", "artifacts": {"model": {"uri": "%s", "sha256": "%s"}}, "labels": ["0", "1"],
				 "maxInputLength": 100}""".formatted(head.toUri(), Sha256.of(head))), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/models/broken/versions", "{\"kind\": \"NO_SUCH_KIND\"}"), 400,
				"invalid-request");
		HttpResponse<String> unknownKind = this.http.postJson("/api/models/broken/versions",
				lexical(head.toUri().toString(), Sha256.of(head)).replace("lexical-linear", "lexical-quadratic"));
		assertProblem(unknownKind, 400, "invalid-request");
		assertThat(AdminHttp.json(unknownKind).get("detail").asString()).isEqualTo(
				"Unknown model kind 'lexical-quadratic': the kinds installed in this build are [encoder-linear, lexical-linear, "
						+ "onnx-classifier, remote-oip]");
		assertProblem(this.http.postJson("/api/models/broken/versions", "{not json"), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/cascades/broken/versions", """
				{"tiers": [{"model": "no-such-model:1"}]}"""), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/cascades/broken/versions", """
				{"tiers": [{"model": "no version"}]}"""), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/cascades/broken/versions", "{\"tiers\": []}"), 400, "invalid-request");
		assertProblem(this.http.post("/api/cascades/broken/versions", "text/plain", new byte[] { 'x' }), 415,
				"unsupported-media-type");
		assertProblem(this.http.delete("/api/cascades"), 405, "method-not-allowed");
	}

	@Test
	void activationsConflictAndRollBack() throws IOException {
		String model = AdminHttp
			.json(this.http.postJson("/api/models/lexical-cascade/versions",
					lexical(head.toUri().toString(), Sha256.of(head))))
			.get("version")
			.asString();
		String tiers = """
				{"tiers": [{"model": "lexical-cascade:%s", "threshold": %s},
				           {"model": "lexical-cascade:%s", "intraOpThreads": %s}]}""";
		assertThat(
				this.http.postJson("/api/cascades/api-cascade/versions", tiers.formatted(model, "0.8", model, "null"))
					.statusCode())
			.isEqualTo(201);
		HttpResponse<String> withThreads = this.http.postJson("/api/cascades/api-cascade/versions",
				tiers.formatted(model, "0.9", model, "2"));
		assertThat(withThreads.statusCode()).isEqualTo(201);
		assertThat(AdminHttp.json(withThreads).get("tiers").get(1).get("intraOpThreads").asInt()).isEqualTo(2);
		assertThat(AdminHttp.json(this.http.get("/api/cascades/api-cascade/versions/1"))
			.get("tiers")
			.get(1)
			.get("intraOpThreads")
			.isNull()).isTrue();
		assertProblem(
				this.http.postJson("/api/cascades/api-cascade/versions", tiers.formatted(model, "1.5", model, "null")),
				400, "invalid-request");
		assertProblem(
				this.http.postJson("/api/cascades/api-cascade/versions", tiers.formatted(model, "0.9", model, "0")),
				400, "invalid-request");

		assertProblem(this.http.postJson("/api/cascades/api-cascade/rollback", "{}"), 409, "conflict");
		assertProblem(this.http.postJson("/api/cascades/api-cascade/activate", "{\"version\": 1, \"reason\": \" \"}"),
				400, "invalid-request");
		assertProblem(
				this.http.postJson("/api/cascades/api-cascade/activate",
						"{\"version\": 1, \"expectNoneActive\": true, \"expectedRevision\": 0}"),
				400, "invalid-request");
		assertProblem(
				this.http.postJson("/api/cascades/api-cascade/activate", "{\"version\": 1, \"expectedRevision\": -1}"),
				400, "invalid-request");
		JsonNode first = AdminHttp.json(this.http.postJson("/api/cascades/api-cascade/activate",
				"{\"version\": 1, \"expectNoneActive\": true}"));
		long revision = first.get("revision").asLong();
		JsonNode second = AdminHttp.json(this.http.postJson("/api/cascades/api-cascade/activate",
				"{\"version\": 2, \"reason\": \"better\", \"expectedRevision\": " + revision + "}"));
		assertThat(second.get("version").get("version").asInt()).isEqualTo(2);
		assertProblem(this.http.postJson("/api/cascades/api-cascade/activate",
				"{\"version\": 1, \"expectedRevision\": " + revision + "}"), 409, "conflict");
		assertProblem(this.http.postJson("/api/cascades/api-cascade/activate", "{\"version\": 7}"), 404, "not-found");
		assertProblem(this.http.postJson("/api/cascades/api-cascade/activate", "{}"), 400, "invalid-request");
		// expecting none active while one is: refused, nothing recorded
		assertProblem(this.http.postJson("/api/cascades/api-cascade/activate",
				"{\"version\": 1, \"expectNoneActive\": true}"), 409, "conflict");
		assertProblem(this.http.postJson("/api/cascades/api-cascade/rollback", "{\"expectNoneActive\": true}"), 409,
				"conflict");
		assertProblem(this.http.postJson("/api/cascades/api-cascade/rollback", "{\"reason\": \"\"}"), 400,
				"invalid-request");
		assertThat(this.registry.getActive("api-cascade").orElseThrow().version().version()).isEqualTo(2);

		JsonNode rolledBack = AdminHttp.json(this.http.postJson("/api/cascades/api-cascade/rollback", "{}"));
		assertThat(rolledBack.get("version").get("version").asInt()).isEqualTo(1);
		JsonNode history = AdminHttp.json(this.http.get("/api/cascades/api-cascade/history"));
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(1).get("reason").asString()).isEqualTo("better");
		JsonNode comparison = AdminHttp.json(this.http.get("/api/cascades/api-cascade/compare?from=1&to=2"));
		assertThat(comparison.get("tiers").get(0).get("changes").toString()).contains("threshold 0.8000 → 0.9000");
		assertThat(comparison.get("tiers").get(1).get("changes").toString())
			.contains("intra-op threads model default → 2");
		assertThat(comparison.get("tiers").get(1).get("to").get("intraOpThreads").asInt()).isEqualTo(2);
		assertProblem(this.http.get("/api/cascades/api-cascade/compare?from=1&to=9"), 404, "not-found");
		assertThat(AdminHttp.json(this.http.get("/api/cascades/active")).toString()).contains("api-cascade");
		assertProblem(this.http.get("/api/cascades/nothing/history"), 404, "not-found");
	}

	@Test
	void theApiIsDescribedInOpenApi() {
		HttpResponse<String> docs = this.http.get("/v3/api-docs");

		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode paths = AdminHttp.json(docs).get("paths");
		assertThat(paths.has("/api/models/{model}/versions")).isTrue();
		assertThat(paths.has("/api/cascades/{cascade}/compare")).isTrue();
		assertThat(paths.has("/api/datasets")).isTrue();
		assertThat(paths.has("/api/jobs/calibrate")).isTrue();
		assertThat(paths.has("/api/jobs/{id}/cancel")).isTrue();
		assertThat(AdminHttp.json(docs).at("/servers/0/url").asString())
			.as("the root relative to the description, never a request's Host")
			.isEqualTo("../");
	}

	private static String lexical(String uri, String sha256) {
		return """
				{"kind": "lexical-linear", "artifacts": {"head": {"uri": "%s", "sha256": "%s"}}, "labels": ["0", "1"],
				 "maxInputLength": 1000000, "description": "a lexical head"}""".formatted(uri, sha256);
	}

	private static String classifier(Path model, Path tokenizer) throws IOException {
		return """
				{"kind": "onnx-classifier", "artifacts": {"model": {"uri": "%s", "sha256": "%s"},
				 "tokenizer": {"uri": "%s", "sha256": "%s"}}, "labels": ["0", "1"], "maxInputLength": 128}"""
			.formatted(model.toUri(), Sha256.of(model), tokenizer.toUri(), Sha256.of(tokenizer));
	}

	private static Path realTokenizer(Path folder) throws IOException {
		Path tokenizer = folder.resolve("tokenizer.json");
		try (InputStream in = Objects
			.requireNonNull(RegistryApiIT.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json"))) {
			Files.copy(in, tokenizer, StandardCopyOption.REPLACE_EXISTING);
		}
		return tokenizer;
	}

}
