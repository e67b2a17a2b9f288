package dev.tango.admin.training;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInClientTests;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fit-head, distil and fine-tune submissions over real HTTP on real PostgreSQL, refused
 * (400, before anything is queued) for what would otherwise fail only when the job runs:
 * rows too few to hold any out, a lexical head too large for the heap, a fine-tune's
 * teacher of other labels than the rows'; and accepted where a job would not fail: a
 * teacher of the rows' labels in another order, a long model name without an int8 tier.
 * No job runs here.
 */
@AdminIntegrationTest
@TestPropertySource(properties = "tango.admin.jobs.enabled=false")
class TrainingSubmissionIT extends SignedInClientTests {

	/** The bytes of one label of a lexical head at the default 2^18 buckets. */
	static final long LABEL_BYTES = (1L << 18) * Float.BYTES;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	@AfterEach
	void noJobs() {
		this.jdbc.update("DELETE FROM admin_jobs");
	}

	@Test
	void aHeadFitOrADistillationOnRowsTooFewToHoldAnyOutIsRefused() {
		String name = "one-each-" + UUID.randomUUID();
		long dataset = upload(name, "text\tlabel\ndull\t0\nlovely\t1\n");
		String teacher = LexicalHeads.unloadableCascade(this.registry, "hold-out-teacher-");
		String tooSmall = "Data set " + name + " is too small to hold rows out";

		for (String encoder : List.of("lexical", "all-minilm-l6-v2-q")) {
			assertProblem(this.http.postJson("/api/jobs/fit-head", """
					{"model": "m", "datasetId": %d, "encoder": "%s"}""".formatted(dataset, encoder)), 400,
					"invalid-request", tooSmall, "no label has two: [0 1, 1 1]; add rows");
		}
		assertProblem(this.http.postJson("/api/jobs/distil", """
				{"model": "m", "teacherCascade": "%s", "datasetId": %d}""".formatted(teacher, dataset)), 400,
				"invalid-request", tooSmall);
		assertProblem(this.http.postJson("/api/jobs?kind=DISTIL", """
				{"model": "m", "teacherCascade": "%s", "datasetId": %d}""".formatted(teacher, dataset)), 400,
				"invalid-request", tooSmall);
		assertThat(jobCount()).isZero();
	}

	@Test
	void aLexicalHeadTooLargeForAQuarterOfTheHeapIsRefusedNamingItsSize() {
		// one label more than a quarter of the heap holds: the service runs in this JVM
		int labels = (int) (Runtime.getRuntime().maxMemory() / 4 / LABEL_BYTES) + 1;
		List<String> names = IntStream.range(0, labels).mapToObj((i) -> "l" + i).toList();
		StringBuilder file = new StringBuilder("text\tlabel\n");
		names.forEach((label) -> file.append("one ")
			.append(label)
			.append('\t')
			.append(label)
			.append('\n')
			.append("two ")
			.append(label)
			.append('\t')
			.append(label)
			.append('\n'));
		String name = "many-labels-" + UUID.randomUUID();
		long dataset = upload(name, file.toString());
		String size = "would take %d labels × 262,144 buckets (2^18) × 4 bytes = %,d MiB".formatted(labels, labels);

		assertProblem(this.http.postJson("/api/jobs/fit-head", """
				{"model": "m", "datasetId": %d, "encoder": "lexical"}""".formatted(dataset)), 400, "invalid-request",
				"A lexical head for the %d labels of data set '%s' ".formatted(labels, name), size,
				"at most %,d labels fit".formatted(labels - 1), "\"encoder\": \"all-minilm-l6-v2-q\"", "-Xmx");

		String teacher = LexicalHeads.unloadableCascade(this.registry, "many-labels-teacher-", names);
		assertProblem(this.http.postJson("/api/jobs/distil", """
				{"model": "m", "teacherCascade": "%s", "datasetId": %d}""".formatted(teacher, dataset)), 400,
				"invalid-request",
				"A lexical head for the %d labels of the teacher (cascade %s)".formatted(labels, teacher), size,
				"a transformer student");
		assertThat(jobCount()).isZero();

		// an encoder head of as many labels is small
		this.jobs.submit("/api/jobs/fit-head", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2-q"}""".formatted(dataset));
	}

	@Test
	void aFineTuneOnTooFewRowsToHoldOutListsTwentyLabelsAndHowManyMore() {
		StringBuilder file = new StringBuilder("text\tlabel\n");
		IntStream.range(0, 3000).forEach((i) -> file.append("row ").append(i).append("\tl").append(i).append('\n'));
		long dataset = upload("three-thousand-labels-" + UUID.randomUUID(), file.toString());

		JsonNode refused = assertProblem(this.http.postJson("/api/jobs/fine-tune", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2"}""".formatted(dataset)), 400,
				"invalid-request", "are too few to hold rows out of", " 1, … and 2980 more]; add rows");

		String detail = refused.get("detail").asString();
		assertThat(detail).hasSizeLessThan(1000);
		assertThat(Pattern.compile("\\bl\\d+ 1\\b").matcher(detail).results()).as("labels named").hasSize(20);
	}

	@Test
	void aModelNameIsCheckedWithItsInt8SuffixOnlyWhenAnInt8TierIsMade() {
		long dataset = upload("int8-names-" + UUID.randomUUID(), rows("0", "1"));
		String model = "m" + "x".repeat(124);

		assertProblem(this.http.postJson("/api/jobs/fine-tune", """
				{"model": "%s", "datasetId": %d, "encoder": "all-minilm-l6-v2"}""".formatted(model, dataset)), 400,
				"invalid-request", "Invalid model name '" + model + "-int8'");
		this.jobs.submit("/api/jobs/fine-tune", """
				{"model": "%s", "datasetId": %d, "encoder": "all-minilm-l6-v2", "int8": false}""".formatted(model,
				dataset));
	}

	@Test
	void aFineTunesTeacherMustHaveTheRowsLabelsInAnyOrder() {
		long dataset = upload("taught-" + UUID.randomUUID(), rows("0", "1"));
		String wider = LexicalHeads.unloadableCascade(this.registry, "wider-teacher-", List.of("0", "1", "2"));
		String same = LexicalHeads.unloadableCascade(this.registry, "same-teacher-");

		assertProblem(this.http.postJson("/api/jobs/fine-tune", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "%s"}}""".formatted(dataset, wider)), 400, "invalid-request",
				"teacher: The teacher's labels [0, 1, 2] are not the training rows' [0, 1]");
		assertThat(jobCount()).isZero();

		// the teacher's probabilities are put in the order of the labels asked for
		this.jobs.submit("/api/jobs/fine-tune", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1, "labels": ["1", "0"],
				 "teacher": {"cascade": "%s"}}""".formatted(dataset, same));
	}

	private long upload(String name, String content) {
		return this.jobs.upload(name, content.getBytes(StandardCharsets.UTF_8));
	}

	/** Forty rows, of two labels in turn. */
	private static String rows(String first, String second) {
		StringBuilder file = new StringBuilder("text\tlabel\n");
		for (int i = 0; i < 40; i++) {
			file.append("text ").append(i).append('\t').append((i % 2 == 0) ? first : second).append('\n');
		}
		return file.toString();
	}

	private int jobCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM admin_jobs", Integer.class);
	}

}
