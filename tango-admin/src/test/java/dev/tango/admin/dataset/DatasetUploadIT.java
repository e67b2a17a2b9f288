package dev.tango.admin.dataset;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.Problems;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.Sst2;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.encoder.BundledEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data set uploads over real HTTP into PostgreSQL: multipart and raw bodies in every
 * format, refusals that name the line and reason, the size limit, and uploads that fail
 * half-way leaving nothing behind.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.datasets.max-size=256KB", "tango.admin.jobs.enabled=false" })
class DatasetUploadIT extends SignedInClientTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void storesSst2DevFromAMultipartForm() throws Exception {
		byte[] content = Files.readAllBytes(Sst2.DEV);

		HttpResponse<String> response = this.http.postFile("/api/datasets", "dev.tsv", content, "name",
				"sst2-dev-form");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode dataset = AdminHttp.json(response);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/datasets/" + dataset.get("id").asLong());
		assertThat(dataset.get("rowCount").asInt()).isEqualTo(872);
		assertThat(dataset.get("sha256").asString()).isEqualTo(Sha256.of(Sst2.DEV));
		assertThat(dataset.get("format").asString()).isEqualTo("TSV");
		assertThat(dataset.get("labels").toString())
			.isEqualTo("[{\"label\":\"0\",\"rows\":428},{\"label\":\"1\",\"rows\":444}]");
		long id = dataset.get("id").asLong();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM admin_dataset_rows WHERE dataset_id = ?",
				Integer.class, id))
			.isEqualTo(872);
		JsonNode rows = AdminHttp.json(this.http.get("/api/datasets/" + id + "/rows?offset=1&limit=2"));
		assertThat(rows.size()).isEqualTo(2);
		assertThat(rows.get(0).get("text").asString()).isEqualTo("unflinchingly bleak and desperate ");
		assertThat(rows.get(0).get("line").asLong()).isEqualTo(3);
		assertThat(AdminHttp.json(this.http.get("/api/datasets")).toString()).contains("sst2-dev-form");
	}

	@Test
	void storesRawBodiesInEveryFormat() {
		HttpResponse<String> csv = this.http.post("/api/datasets?name=raw-csv", "text/csv",
				utf8("text,label,pair\n\"a, quoted\",yes,x\nb,no,\n"));
		HttpResponse<String> jsonl = this.http.post("/api/datasets?name=raw-jsonl", "application/x-ndjson",
				utf8("{\"text\":\"é ✓ 😀\",\"label\":\"a\"}\n{\"text\":\"b\",\"label\":\"b\",\"split\":\"test\"}\n"));
		HttpResponse<String> byParameter = this.http.post("/api/datasets?name=raw-param&format=TSV",
				"application/octet-stream", utf8("text\tlabel\nx\t1\ny\t2\n"));

		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
		assertThat(AdminHttp.json(csv).get("hasPairs").asBoolean()).isTrue();
		assertThat(jsonl.statusCode()).as(jsonl.body()).isEqualTo(201);
		assertThat(AdminHttp.json(jsonl).get("hasSplits").asBoolean()).isTrue();
		long id = AdminHttp.json(jsonl).get("id").asLong();
		assertThat(AdminHttp.json(this.http.get("/api/datasets/" + id + "/rows")).get(0).get("text").asString())
			.isEqualTo("é ✓ 😀");
		assertThat(byParameter.statusCode()).as(byParameter.body()).isEqualTo(201);
	}

	@Test
	void badFilesAreProblemsNamingTheLineAndReason() {
		assertRejected(this.http.post("/api/datasets?name=bad-columns", "text/tab-separated-values",
				utf8("sentence\tlabel\nx\t1\n")), 1, "'text' and 'label'");
		assertRejected(this.http.post("/api/datasets?name=bad-fields", "text/tab-separated-values",
				utf8("text\tlabel\nx\t1\ny\t0\tz\n")), 3, "expected 2 fields");
		assertRejected(this.http.postFile("/api/datasets", "one-class.tsv", utf8("text\tlabel\nx\t1\ny\t1\n")), null,
				"at least two labels");
		assertRejected(this.http.postFile("/api/datasets", "empty.csv", new byte[0]), 1, "empty");
		byte[] latin1 = "text\tlabel\nx\t1\ncaf\u00e9\t0\n".getBytes(StandardCharsets.ISO_8859_1);
		assertRejected(this.http.postFile("/api/datasets", "latin1.tsv", latin1), 3, "not valid UTF-8");
		assertRejected(
				this.http.post("/api/datasets?name=lone&format=JSONL", "application/jsonl",
						utf8("{\"text\": \"x\", \"label\": \"1\"}\n{\"text\": \"\\ud800\", \"label\": \"0\"}\n")),
				2, "the text holds a lone surrogate, \\uD800, at character 0");
		assertRejected(
				this.http.post("/api/datasets?name=nul&format=JSONL", "application/jsonl",
						utf8("{\"text\": \"x\", \"label\": \"1\"}\n{\"text\": \"y\", \"label\": \"0\\u0000\"}\n")),
				2, "the label contains a NUL character");
		HttpResponse<String> versionAlone = this.http.post("/api/datasets?name=version-alone&cascadeVersion=1",
				"text/tab-separated-values", utf8("text\tlabel\nx\t1\ny\t0\n"));
		assertThat(versionAlone.statusCode()).as(versionAlone.body()).isEqualTo(400);
		assertThat(AdminHttp.json(versionAlone).get("detail").asString()).contains("give cascade too");
		assertRejected(this.http.post("/api/datasets?name=%E2%80%AEevil", "text/tab-separated-values",
				utf8("text\tlabel\nx\t1\ny\t0\n")), null, "holds U+202E at character 0");
		assertRejected(this.http.post("/api/datasets?name=a%07b", "text/tab-separated-values",
				utf8("text\tlabel\nx\t1\ny\t0\n")), null, "holds U+0007 at character 1");
		assertRejected(this.http.post("/api/datasets?name=Feedback:sst2-sentiment:job-1", "text/tab-separated-values",
				utf8("text\tlabel\nx\t1\ny\t0\n")), null, "kept for the data sets that calibration jobs store");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM admin_datasets WHERE name IN ('bad-columns', 'bad-fields', 'one-class', "
						+ "'empty', 'latin1', 'lone', 'nul', 'Feedback:sst2-sentiment:job-1')",
				Integer.class))
			.isZero();
	}

	@Test
	void labelsMustBelongToTheTargetCascade() {
		// a registry entry whose labels are all that matter here: it is never loaded
		String cascade = "labels-" + System.nanoTime();
		BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
		ModelVersion model = this.registry
			.registerModelVersion(new NewModelVersion(cascade + "-model", "lexical-linear",
					Map.of(ArtifactRole.HEAD, new ArtifactRef(encoder.tokenizerUri(), encoder.tokenizerSha256())),
					Label.of(List.of("negative", "positive")), 128, null, Map.of(), null, "test"));
		this.registry.createCascadeVersion(
				new NewCascadeVersion(cascade, List.of(new NewTier(model.key(), null, 1, 0)), null, "test"));

		HttpResponse<String> unknown = this.http.postFile("/api/datasets", "unknown.tsv",
				utf8("text\tlabel\ngood\tpositive\nbad\tnegative\nmeh\tneutral\n"), "cascade", cascade);
		HttpResponse<String> known = this.http.postFile("/api/datasets", "known.tsv",
				utf8("text\tlabel\ngood\tpositive\nbad\tnegative\n"), "cascade", cascade, "cascadeVersion", "1");
		HttpResponse<String> missing = this.http.postFile("/api/datasets", "missing.tsv",
				utf8("text\tlabel\ngood\tpositive\nbad\tnegative\n"), "cascade", "no-such-cascade");

		assertRejected(unknown, 4, "'neutral' is not one of the labels of cascade");
		assertThat(known.statusCode()).as(known.body()).isEqualTo(201);
		assertThat(missing.statusCode()).isEqualTo(404);
	}

	/**
	 * The labels of an upload are checked by the registry's rules for labels, so that a
	 * model trained on it is not refused at its registration, hours later: each refusal
	 * names the label and its first line, and the registry refuses each such label too.
	 */
	@Test
	void labelsNoModelCouldBeRegisteredWithAreRefusedAtTheirFirstLine() {
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("a,b", "holds a comma");
		refused.put("negative ", "may not start or end with a space");
		refused.put("\u00a0positive", "may not start or end with a space");
		refused.put("\u202eevitagen", "holds U+202E at character 0");
		refused.put("1\u200b", "holds U+200B at character 1");
		refused.put("line\u2028break", "holds U+2028 at character 4");
		refused.forEach((label, reason) -> {
			StringBuilder file = new StringBuilder("{\"text\": \"x\", \"label\": \"fine\"}\n");
			for (String text : List.of("y", "z")) {
				file.append(JsonNodeFactory.instance.objectNode().put("text", text).put("label", label)).append('\n');
			}
			HttpResponse<String> response = this.http.post("/api/datasets?name=label-rule-" + System.nanoTime(),
					"application/jsonl", utf8(file.toString()));

			assertRejected(response, 2, "the label '" + label + "' " + reason);
			assertThatThrownBy(() -> this.registry.checkModelVersion(labelled(label))).as("the registry refuses it too")
				.isInstanceOf(InvalidRegistryRequestException.class)
				.hasMessageContaining(reason);
		});
		HttpResponse<String> accepted = this.http.post("/api/datasets?name=label-rule-ok", "application/jsonl",
				utf8("{\"text\": \"x\", \"label\": \"caf\u00e9 cr\u00e8me\"}\n"
						+ "{\"text\": \"y\", \"label\": \"card_arrival\"}\n{\"text\": \"z\", \"label\": 3}\n"));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
		this.registry.checkModelVersion(labelled("caf\u00e9 cr\u00e8me"));
	}

	/** A model version to register with a label, as a trained head would be. */
	private static NewModelVersion labelled(String label) {
		BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
		return new NewModelVersion("label-rules", "lexical-linear",
				Map.of(ArtifactRole.HEAD, new ArtifactRef(encoder.tokenizerUri(), encoder.tokenizerSha256())),
				Label.of(List.of(label, "other")), 128, null, Map.of(), null, "test");
	}

	@Test
	void oversizeUploadsAre413() {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.writeBytes(utf8("text\tlabel\n"));
		while (file.size() <= 256 * 1024) {
			file.writeBytes(utf8("a fairly ordinary sentence about nothing in particular\t1\n"));
		}
		for (HttpResponse<String> response : List.of(this.http.postFile("/api/datasets", "big.tsv", file.toByteArray()),
				this.http.post("/api/datasets?name=big", "text/tab-separated-values", file.toByteArray()))) {
			assertThat(Problems.assertProblem(response, 413, "payload-too-large").get("detail").asString())
				.isEqualTo("The data set is larger than the limit of 262144 bytes (tango.admin.datasets.max-size)");
		}
	}

	@Test
	void duplicateNamesAre409() {
		byte[] file = utf8("text\tlabel\nx\t1\ny\t0\n");
		assertThat(this.http.postFile("/api/datasets", "dup.tsv", file).statusCode()).isEqualTo(201);

		HttpResponse<String> again = this.http.postFile("/api/datasets", "dup.tsv", file);

		Problems.assertProblem(again, 409, "conflict");
	}

	@Test
	void aNameIsOneNameHoweverItsAccentsAreEncodedAndTakesNoSpaceAtItsEnds() {
		byte[] file = utf8("text\tlabel\nx\t1\ny\t0\n");
		// "café" with e and a combining acute accent, as some file systems name files
		HttpResponse<String> decomposed = this.http.post("/api/datasets?name=cafe%CC%81", "text/tab-separated-values",
				file);
		assertThat(decomposed.statusCode()).as(decomposed.body()).isEqualTo(201);
		assertThat(AdminHttp.json(decomposed).get("name").asString()).isEqualTo("caf\u00e9");

		HttpResponse<String> composed = this.http.post("/api/datasets?name=caf%C3%A9", "text/tab-separated-values",
				file);
		assertThat(composed.statusCode()).as(composed.body()).isEqualTo(409);

		assertRejected(this.http.post("/api/datasets?name=%C2%A0feedback:sst2-sentiment:job-1",
				"text/tab-separated-values", file), null, "may not start or end with a space");
		assertRejected(this.http.post("/api/datasets?name=trailing%20", "text/tab-separated-values", file), null,
				"may not start or end with a space");
	}

	/**
	 * Reading a data set takes one database connection at a time: it used to read the
	 * labels while its own query held a connection, so that as many concurrent reads as
	 * the pool has connections held them all and waited for one more, until each failed
	 * as if the database were down (503).
	 */
	@Test
	void manyConcurrentReadsOfADataSetAllSucceed() throws Exception {
		HttpResponse<String> stored = this.http.post("/api/datasets?name=read-concurrently",
				"text/tab-separated-values", utf8("text\tlabel\nx\t1\ny\t0\n"));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
		long id = AdminHttp.json(stored).get("id").asLong();
		List<Future<HttpResponse<String>>> reads = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 40; i++) {
				String path = (i % 2 == 0) ? "/api/datasets/" + id : "/api/datasets";
				reads.add(clients.submit(() -> this.http.get(path)));
			}
		}
		for (Future<HttpResponse<String>> read : reads) {
			assertThat(read.get().statusCode()).as(read.get().body()).isEqualTo(200);
		}
	}

	@Test
	void aFailureHalfWayStoresNothing() {
		// the database refuses row 2100 of 2500, after two batches of rows were written
		this.jdbc.execute("CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
				+ "IF NEW.text = 'boom' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$");
		this.jdbc.execute("CREATE TRIGGER refuse_boom BEFORE INSERT ON admin_dataset_rows FOR EACH ROW "
				+ "EXECUTE FUNCTION refuse_boom()");
		try {
			StringBuilder file = new StringBuilder("text\tlabel\n");
			for (int i = 0; i < 2500; i++) {
				file.append((i == 2100) ? "boom" : "row " + i).append('\t').append(i % 2).append('\n');
			}

			HttpResponse<String> response = this.http.postFile("/api/datasets", "half.tsv", utf8(file.toString()));

			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(AdminHttp.json(response).get("type").asString())
				.isEqualTo("https://tango.dev/problems/internal");
			assertThat(
					this.jdbc.queryForObject("SELECT count(*) FROM admin_datasets WHERE name = 'half'", Integer.class))
				.isZero();
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM admin_dataset_rows WHERE dataset_id NOT IN (SELECT id FROM admin_datasets)",
					Integer.class))
				.isZero();
		}
		finally {
			this.jdbc.execute("DROP TRIGGER refuse_boom ON admin_dataset_rows");
			this.jdbc.execute("DROP FUNCTION refuse_boom()");
		}
	}

	private static void assertRejected(HttpResponse<String> response, Integer line, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = AdminHttp.json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://tango.dev/problems/invalid-dataset");
		assertThat(problem.get("reason").asString()).contains(reason);
		if (line == null) {
			assertThat(problem.has("line")).isFalse();
		}
		else {
			assertThat(problem.get("line").asInt()).isEqualTo(line);
			assertThat(problem.get("detail").asString()).startsWith("line " + line + ": ");
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
