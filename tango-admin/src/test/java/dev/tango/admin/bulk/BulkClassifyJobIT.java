package dev.tango.admin.bulk;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.Problems;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.Sst2;
import dev.tango.models.registry.RegistryProperties;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code BULK_CLASSIFY} jobs over real HTTP, real PostgreSQL and the bundled cascade
 * (seeded as {@code sst2-sentiment:1}): an uploaded data set and a file of the input
 * directory classified end to end and downloaded; a cancelled job restarted resumes after
 * its last chunk; and the refusals: a path outside the input directory, an unknown
 * format, and a restart after the input changed.
 */
@AdminIntegrationTest
@ArtifactRoot("bulk-classify-it")
@PromptJobs
@TestPropertySource(
		properties = { "tango.admin.bulk.chunk-size=40", "tango.registry.seed=" + RegistryProperties.DEFAULT_SEED })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkClassifyJobIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static Path inputs;

	@LocalServerPort
	int port;

	AdminHttp http;

	AdminJobs jobs;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) throws IOException {
		Path root = ArtifactDirectories.root("bulk-classify-it");
		inputs = Files.createDirectories(root.resolve("inputs"));
		properties.add("tango.admin.bulk.input-directory", () -> inputs.toString());
		properties.add("tango.admin.bulk.output-directory", () -> root.resolve("bulk").toString());
	}

	@BeforeAll
	void client() {
		this.http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		this.jobs = new AdminJobs(this.http);
	}

	@Test
	void classifiesAnUploadedDataSetAndStreamsTheResults() {
		byte[] rows = AdminJobs.firstRows(Sst2.DEV, 100);
		long dataset = this.jobs.upload("bulk-dev-100", rows);
		long job = this.jobs.submit("/api/jobs/bulk-classify", """
				{"cascade": "sst2-sentiment", "datasetId": %d, "outputFormat": "CSV"}""".formatted(dataset));
		List<Double> progress = new ArrayList<>();
		JsonNode result = this.jobs.awaitSuccess(job, progress).get("result");

		assertThat(progress).isSorted();
		assertThat(result.get("rows").asLong()).isEqualTo(100);
		assertThat(result.get("resumedFrom").asLong()).isZero();
		assertThat(result.get("version").asInt()).isEqualTo(1);
		assertThat(result.get("inputSha256").asString()).isEqualTo(Sha256.of(rows));
		assertThat(result.get("answeredByTier").valueStream().mapToLong(JsonNode::asLong).sum()).isEqualTo(100);
		HttpResponse<String> download = this.http.get(result.get("download").asString());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).contains("job-" + job + "-results.csv"));
		List<String> lines = download.body().lines().toList();
		assertThat(lines).hasSize(101);
		assertThat(lines.get(0)).isEqualTo("row,label,confidence,tier,version,fallback");
		for (int i = 1; i <= 100; i++) {
			String[] fields = lines.get(i).split(",");
			assertThat(fields[0]).isEqualTo(Integer.toString(i));
			assertThat(fields[1]).as("the display names").isIn("negative", "positive");
			assertThat(Double.parseDouble(fields[2])).isBetween(0.5, 1.0);
			assertThat(fields[3]).isIn("0", "1");
			assertThat(fields[4]).isEqualTo("sst2-sentiment:1");
		}
		assertRangesOf(result.get("download").asString(), download.body());
	}

	@Test
	void aCancelledJobRestartedResumesAfterItsLastChunk() throws IOException {
		Path file = writeRows("resume.jsonl", 400);
		long job = this.jobs.submit("/api/jobs/bulk-classify", """
				{"cascade": "sst2-sentiment", "version": 1, "path": "resume.jsonl", "idColumn": "id"}""");
		cancelAfter(job, 80);

		HttpResponse<String> early = this.http.get("/api/jobs/" + job + "/result");
		assertThat(early.statusCode()).isEqualTo(409);
		assertThat(AdminHttp.json(early).get("detail").asString()).contains("CANCELLED");

		assertThat(this.http.postJson("/api/jobs/" + job + "/restart", "").statusCode()).isEqualTo(200);
		JsonNode result = this.jobs.awaitSuccess(job).get("result");
		assertThat(result.get("resumedFrom").asLong()).isBetween(80L, 360L);
		assertThat(result.get("rows").asLong()).isEqualTo(400);
		assertThat(result.get("input").asString()).as("the file as given, not where it lies on the host")
			.isEqualTo("resume.jsonl")
			.isNotEqualTo(file.toRealPath().toString());
		List<String> lines = this.http.get(result.get("download").asString()).body().lines().toList();
		assertThat(lines).hasSize(400);
		for (int i = 0; i < 400; i++) {
			JsonNode line = JSON.readTree(lines.get(i));
			assertThat(line.get("row").asLong()).isEqualTo(i + 1);
			assertThat(line.get("id").asString()).isEqualTo("r" + (i + 1));
		}
	}

	@Test
	void aRestartAfterTheInputChangedFailsSayingSo() throws IOException {
		Path file = writeRows("changing.jsonl", 300);
		long job = this.jobs.submit("/api/jobs/bulk-classify", """
				{"cascade": "sst2-sentiment", "path": "changing.jsonl"}""");
		cancelAfter(job, 40);
		Files.writeString(file, "{\"text\": \"one more row\", \"id\": \"extra\"}\n", StandardOpenOption.APPEND);

		assertThat(this.http.postJson("/api/jobs/" + job + "/restart", "").statusCode()).isEqualTo(200);
		this.jobs.awaitFailure(job,
				"changing.jsonl is not the one the checkpoint was made for: its size is " + Files.size(file));
		HttpResponse<String> result = this.http.get("/api/jobs/" + job + "/result");
		assertThat(result.statusCode()).isEqualTo(409);
		assertThat(result.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(AdminHttp.json(result).get("detail").asString()).contains("FAILED")
			.contains("changing.jsonl is not the one the checkpoint was made for")
			.contains("its sha256 is")
			.doesNotContain(inputs.toString());
	}

	/**
	 * A quote never closed, or a line that never ends, is refused as it is read, at the
	 * submission (in the header) or by the job (in a row), naming where it starts, in
	 * bounded memory however long it runs.
	 */
	@Test
	void aRowThatNeverEndsIsRefusedWhereItStarts() throws IOException {
		String endless = "a".repeat(5_000_000);
		Files.writeString(inputs.resolve("endless-header.csv"), "\"" + endless);
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "endless-header.csv"}""",
				"endless-header.csv:1: the header runs past 4000000 characters: a quote that is never closed");

		Files.writeString(inputs.resolve("endless-row.jsonl"),
				"{\"text\": \"a fine first row\"}\n{\"text\": \"" + endless);
		long job = this.jobs.submit("/api/jobs/bulk-classify", """
				{"cascade": "sst2-sentiment", "path": "endless-row.jsonl"}""");
		this.jobs.awaitFailure(job, "endless-row.jsonl:2: the row starting on this line runs past 4000000 characters");
	}

	@Test
	void refusesPathsOutsideTheInputDirectoryAndUnknownFormatsAsProblems() throws IOException {
		Files.writeString(inputs.getParent().resolve("outside.tsv"), "text\nsecret\n");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "../outside.tsv"}""", "is outside the input directory");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "/etc/hostname"}""", "is outside the input directory");
		Files.writeString(inputs.resolve("rows.txt"), "text\nfine\n");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "rows.txt"}""", "Cannot tell the format of 'rows.txt'");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "rows.txt", "format": "XML"}""", "XML");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "rows.txt", "format": 1}""", "expected one of [TSV, CSV, JSONL]");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "missing.tsv"}""", "No readable file 'missing.tsv'");
		Files.writeString(inputs.resolve("rows.tsv"), "text\tkey\nfine\t1\n");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "rows.tsv", "idColumn": "id"}""",
				"rows.tsv:1: the header has no identifier column 'id'");
		assertProblem("""
				{"cascade": "sst2-sentiment", "path": "rows.tsv", "format": "JSONL"}""", "rows.tsv:1: ");
		assertProblem("""
				{"cascade": "sst2-sentiment", "datasetId": 1, "path": "rows.txt"}""", "Give exactly one of");
		assertProblem("""
				{"cascade": "no-such-cascade", "path": "rows.txt", "format": "TSV"}""", "no-such-cascade");
	}

	private void assertProblem(String body, String detail) {
		Problems.assertProblem(this.http.postJson("/api/jobs/bulk-classify", body), 400, "invalid-request", detail);
	}

	/**
	 * Asserts that a range of the results is served as that part of the file, and that
	 * ranges the file cannot satisfy are refused with its length and none of its bytes.
	 */
	private void assertRangesOf(String download, String whole) {
		int length = whole.getBytes(StandardCharsets.UTF_8).length;
		HttpResponse<String> part = this.http.get(download, "Range", "bytes=4-9");
		assertThat(part.statusCode()).as(part.body()).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 4-9/" + length);
		assertThat(part.body()).isEqualTo(whole.substring(4, 10));
		for (String range : List.of("bytes=" + length + "-", "bytes=9-4", "lines=0-5", "bytes=",
				"bytes=" + "0-0,".repeat(100) + "0-0")) {
			HttpResponse<String> refused = this.http.get(download, "Range", range);
			Problems.assertProblem(refused, 416, "range-not-satisfiable", "of " + length + " bytes");
			assertThat(refused.headers().firstValue("Content-Range")).as(range).hasValue("bytes */" + length);
		}
	}

	/** Cancels a job once it has done some rows, and waits until it is cancelled. */
	private void cancelAfter(long job, long rows) {
		Awaitility.await().atMost(AdminJobs.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode progress = AdminHttp.json(this.http.get("/api/jobs/" + job)).get("progress");
			return progress.get("itemsDone").asLong() >= rows;
		});
		assertThat(this.http.postJson("/api/jobs/" + job + "/cancel", "").statusCode()).isEqualTo(200);
		Awaitility.await()
			.atMost(AdminJobs.TIMEOUT)
			.until(() -> AdminHttp.json(this.http.get("/api/jobs/" + job))
				.get("status")
				.asString()
				.equals("CANCELLED"));
	}

	/** Writes the first rows of SST-2 dev to the input directory as JSONL with ids. */
	private static Path writeRows(String name, int rows) throws IOException {
		List<String> lines = Files.readAllLines(Sst2.DEV).subList(1, rows + 1);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			String sentence = lines.get(i).substring(0, lines.get(i).lastIndexOf('\t'));
			text.append(JSON.writeValueAsString(java.util.Map.of("text", sentence, "id", "r" + (i + 1)))).append('\n');
		}
		return Files.writeString(inputs.resolve(name), text);
	}

}
