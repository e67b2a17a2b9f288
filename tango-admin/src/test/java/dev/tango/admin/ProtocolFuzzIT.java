package dev.tango.admin;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.models.testsupport.HttpFuzzer;
import dev.tango.models.testsupport.HttpFuzzer.Request;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded protocol fuzz of every endpoint of the admin service (REST API,
 * pages, Actuator, OpenAPI) over real HTTP against PostgreSQL, with a registered lexical
 * model and cascade, data sets and a job to point at: mutated copies of valid requests
 * (see {@link HttpFuzzer}) must never be answered with a 5xx, and the service must still
 * answer afterwards. The seed and the count are {@code -Dtango.fuzz.seed} and
 * {@code -Dtango.fuzz.requests}; a failure prints the seed and each request that failed.
 */
@AdminIntegrationTest
@ArtifactRoot("fuzz-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false", "tango.admin.sign-in.failures=100000" })
class ProtocolFuzzIT extends SignedInClientTests {

	static final long SEED = Long.getLong("tango.fuzz.seed", 20261202L);

	static final int REQUESTS = Integer.getInteger("tango.fuzz.requests", 1500);

	static final Path ROOT = ArtifactDirectories.root("fuzz-it");

	@Test
	void mutatedRequestsAreNeverAnsweredWithA5xx() throws IOException {
		Path head = LexicalHeads.fit(ROOT.resolve("lexical.json"), 12);
		String model = """
				{"kind": "lexical-linear", "artifacts": {"head": {"uri": "%s", "sha256": "%s"}}, "labels": ["0", "1"],
				 "maxInputLength": 100000, "description": "fuzzed"}""".formatted(head.toUri(), Sha256.of(head));
		String cascade = "{\"tiers\": [{\"model\": \"fuzz-lexical:1\", \"threshold\": 0.8}, "
				+ "{\"model\": \"fuzz-lexical:1\"}]}";
		assertThat(this.http.postJson("/api/models/fuzz-lexical/versions", model).statusCode()).isEqualTo(201);
		assertThat(this.http.postJson("/api/cascades/fuzz/versions", cascade).statusCode()).isEqualTo(201);
		assertThat(this.http.postJson("/api/cascades/fuzz/activate", "{\"version\": 1}").statusCode()).isEqualTo(200);
		byte[] tsv = "text\tlabel\nwonderful film\t1\ndull film\t0\ngreat fun\t1\nboring\t0\n"
			.getBytes(StandardCharsets.UTF_8);
		long dataset = this.jobs.upload("fuzz-data", tsv);
		long doomed = this.jobs.upload("fuzz-doomed", tsv);
		String evaluate = "{\"cascade\": \"fuzz\", \"version\": 1, \"datasetId\": " + dataset + "}";
		long job = this.jobs.submit("/api/jobs/evaluate", evaluate);

		List<Request> seeds = List.of(Request.of("GET", "/"), Request.of("GET", "/ui/cascades/fuzz"),
				Request.of("GET", "/ui/jobs/" + job), Request.of("GET", "/api/models"),
				Request.of("GET", "/api/models/fuzz-lexical/versions"),
				Request.of("GET", "/api/models/fuzz-lexical/versions/1"),
				Request.json("POST", "/api/models/fuzz-lexical/versions", model), Request.of("GET", "/api/cascades"),
				Request.of("GET", "/api/cascades/active"), Request.of("GET", "/api/cascades/fuzz/versions"),
				Request.of("GET", "/api/cascades/fuzz/versions/1"),
				Request.json("POST", "/api/cascades/fuzz/versions", cascade),
				Request.of("GET", "/api/cascades/fuzz/versions/1/calibrations"),
				Request.of("GET", "/api/cascades/fuzz/active"),
				Request.json("POST", "/api/cascades/fuzz/activate", "{\"version\": 2, \"reason\": \"fuzz\"}"),
				Request.json("POST", "/api/cascades/fuzz/rollback", "{\"reason\": \"fuzz\"}"),
				Request.of("GET", "/api/cascades/fuzz/history"),
				Request.of("GET", "/api/cascades/fuzz/compare?from=1&to=2"),
				Request.json("POST", "/api/jobs/evaluate", evaluate),
				Request.json("POST", "/api/jobs/calibrate",
						"{\"cascade\": \"fuzz\", \"datasetId\": " + dataset + ", \"folds\": 2, \"policy\": "
								+ "{\"name\": \"accuracy-budget\", \"maxDrop\": 0.01}}"),
				Request.json("POST", "/api/jobs/fit-head",
						"{\"model\": \"fuzz-fit\", \"datasetId\": " + dataset
								+ ", \"encoder\": \"lexical\", \"l2Grid\": [0.001]}"),
				Request.of("GET", "/api/jobs?status=QUEUED&limit=5"), Request.of("GET", "/api/jobs/" + job),
				Request.of("POST", "/api/jobs/" + job + "/cancel"), Request.of("POST", "/api/jobs/" + job + "/restart"),
				Request.of("GET", "/api/datasets"), Request.of("GET", "/api/datasets/" + dataset),
				Request.of("GET", "/api/datasets/" + dataset + "/rows?offset=1&limit=2"),
				Request.of("POST", "/api/datasets?name=fuzz-body&format=TSV", "text/tab-separated-values", tsv),
				Request.of("POST", "/api/datasets", "multipart/form-data; boundary=fuzz", multipart(tsv)),
				Request.of("DELETE", "/api/datasets/" + doomed), Request.of("GET", "/actuator/health"),
				Request.of("GET", "/actuator/info"), Request.of("GET", "/v3/api-docs"),
				Request.of("GET", "/admin.css"));
		String credentials = AdminIntegrationTest.USER + ":" + AdminIntegrationTest.PASSWORD;
		HttpFuzzer fuzzer = new HttpFuzzer(this.port, Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
		for (Request seed : seeds) {
			assertThat(fuzzer.send(seed)).as(seed.describe()).isBetween(200, 299);
		}

		HttpFuzzer.Report report = fuzzer.run(seeds, REQUESTS, SEED);
		System.out.println("tango-admin protocol fuzz: " + report.summary());

		assertThat(report.serverErrors()).as(report.summary()).isEmpty();
		HttpResponse<String> jobList = this.http.get("/api/jobs?limit=1");
		assertThat(jobList.statusCode()).as(jobList.body()).isEqualTo(200);
		assertThat(this.http.get("/api/cascades/fuzz/versions/1").statusCode()).isEqualTo(200);
	}

	private static byte[] multipart(byte[] file) {
		String start = "--fuzz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nfuzz-form\r\n"
				+ "--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fuzz.tsv\"\r\n"
				+ "Content-Type: text/tab-separated-values\r\n\r\n";
		byte[] head = start.getBytes(StandardCharsets.UTF_8);
		byte[] tail = "\r\n--fuzz--\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + file.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(file, 0, body, head.length, file.length);
		System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
		return body;
	}

}
