package dev.tango.admin.training;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.AdminPages;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.Problems;
import dev.tango.admin.testing.Sst2;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.ModelVersion;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.head.HeadFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fine-tune jobs over real HTTP on real PostgreSQL, training the first two layers of the
 * real MiniLM-L6 on a small SST-2 slice for a few dozen steps: the job registers float32
 * and int8 versions with their provenance, which the registry's loader serves; it draws
 * its loss and held-out accuracy curves; a cancelled job keeps its checkpoint and, once
 * restarted, resumes from it; its page offers Cancel while it runs and Restart once it is
 * cancelled (in a headless Chromium); bad submissions are refused as problems.
 */
@AdminIntegrationTest
@ArtifactRoot("fine-tune-it")
@PromptJobs
class FineTuneJobIT extends SignedInClientTests {

	static final Path ROOT = ArtifactDirectories.root("fine-tune-it");

	@Autowired
	CascadeVersionLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("tango.admin.jobs.training-directory", () -> ROOT.resolve("training").toString());
	}

	@Test
	void fineTunesRegistersWithProvenanceAndServesTheTier() throws IOException {
		byte[] rows = AdminJobs.firstRows(Sst2.TRAIN, 160);
		long dataset = this.jobs.upload("sst2-fine-tune-160", rows);
		long dev = this.jobs.upload("sst2-dev-200", AdminJobs.firstRows(Sst2.DEV, 200));
		this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/fit-head", """
				{"model": "sst2-lexical-ft-it", "datasetId": %d, "encoder": "lexical"}""".formatted(dataset)));
		HttpResponse<String> cascade = this.http.postJson("/api/cascades/sst2-ft-it/versions", """
				{"tiers": [{"model": "sst2-lexical-ft-it:1"}], "description": "lexical alone"}""");
		assertThat(cascade.statusCode()).as(cascade.body()).isEqualTo(201);
		long id = this.jobs.submit("/api/jobs/fine-tune", """
				{"model": "sst2-tuned-it", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 2,
				 "labels": ["0", "1"], "freezeWordEmbeddings": true, "maxSteps": 16, "batchSize": 8,
				 "learningRate": 1e-4, "evaluateEvery": 8, "checkpointEvery": 100, "seed": 7,
				 "cascade": {"name": "sst2-ft-it", "datasetId": %d, "measureCosts": false, "activate": true}}"""
			.formatted(dataset, dev));
		assertThat(this.jdbc.queryForObject("SELECT activation_base FROM admin_jobs WHERE id = ?", Long.class, id))
			.as("the submission noted that no version of the cascade was active")
			.isEqualTo(ActivationRequest.NONE_ACTIVE);
		JsonNode job = this.jobs.awaitSuccess(id);
		JsonNode result = job.get("result");
		// activated, unless estimated slower than the tuned tier alone after 16 steps
		assertThat(result.at("/cascade/activated").asBoolean()
				|| result.at("/cascade/activationError").asString().startsWith("Out of sample"))
			.as(result.get("cascade").toString())
			.isTrue();

		// the tier was added to the cascade, and the result calibrated by the calibrate
		// job's pipeline
		assertThat(result.at("/cascade/sourceVersion").asInt()).isEqualTo(2);
		assertThat(result.at("/cascade/newVersion").asInt()).isEqualTo(3);
		assertThat(result.at("/cascade/calibrationRows").asInt()).isEqualTo(200);
		List<String> tiers = this.registry.listCascadeVersions("sst2-ft-it")
			.stream()
			.filter((version) -> version.version() == 3)
			.flatMap((version) -> version.tiers().stream())
			.map((tier) -> tier.model().key().toString())
			.toList();
		assertThat(tiers).containsExactly("sst2-lexical-ft-it:1", "sst2-tuned-it:1");

		assertThat(result.get("models").valueStream().map(JsonNode::asString)).containsExactly("sst2-tuned-it:1",
				"sst2-tuned-it-int8:1");
		assertThat(result.get("steps").asLong()).isEqualTo(16);
		assertThat(result.get("resumedFromStep").asLong()).isZero();
		assertThat(result.get("labels").valueStream().map(JsonNode::asString)).containsExactly("0", "1");
		assertThat(result.get("rows").asInt() + result.get("heldOutRows").asInt()).isEqualTo(160);
		assertThat(result.get("heldOutAccuracy").asDouble()).isBetween(0.5, 1.0);

		// the curves: the loss of every step but those skipped for a gradient that was
		// not
		// finite, the held-out accuracy of every evaluation
		JsonNode shown = AdminHttp.json(this.http.get("/api/jobs/" + id));
		int drawn = assertLossOfEveryStepButTheSkipped(shown, result, 16);
		assertThat(shown.at("/curves/heldOutAccuracy").valueStream().map((point) -> point.get("x").asLong()))
			.containsExactly(8L, 16L);
		assertThat(shown.at("/curves/heldOutAccuracy/1/y").asDouble()).isBetween(0.0, 1.0);

		// the job page draws them, and its script can fetch the drawing alone
		String page = this.http.get("/ui/jobs/" + id).body();
		assertThat(page).contains("id=\"curve-loss\"", "id=\"curve-heldOutAccuracy\"", "loss: " + drawn + " points",
				"heldOutAccuracy: 2 points");
		assertThat(this.http.get("/ui/jobs/" + id + "/curves").body()).startsWith("<section id=\"job-curves\"")
			.contains("id=\"curve-loss\"")
			.doesNotContain("<h2>Parameters</h2>");

		// provenance with the registered version
		ModelVersion fp32 = this.registry.findModelVersion(ModelKey.parse("sst2-tuned-it:1")).orElseThrow();
		assertThat(Label.ids(fp32.labels())).containsExactly("0", "1");
		assertThat(fp32.options()).containsEntry("training.datasetSha256", Sha256.of(rows))
			.containsEntry("training.seed", "7")
			.containsEntry("training.steps", "16")
			.containsKeys("training.heldOutAccuracy", "training.wallSeconds", "training.hyperParameters",
					"training.provenanceSha256");
		assertThat(fp32.options().get("training.hyperParameters")).contains("\"learningRate\":1.0E-4");

		// both tiers load through the registry and classify
		assertThat(classify("sst2-tuned-it:1")).hasSize(2);
		assertThat(classify("sst2-tuned-it-int8:1")).hasSize(2);

		// the tuned tier, last in the calibrated version, teaches a lexical student
		JsonNode distilled = this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/distil", """
				{"model": "sst2-student-it", "teacherCascade": "sst2-ft-it", "teacherVersion": 3, "datasetId": %d,
				 "unlabelledDatasetId": %d, "temperature": 2, "alpha": 0.5, "augment": 1}""".formatted(dataset, dev)))
			.get("result");
		assertThat(distilled.get("model").asString()).isEqualTo("sst2-student-it:1");
		assertThat(distilled.get("teacher").asString()).startsWith("sst2-tuned-it:1");
		int augmented = distilled.get("augmentedRows").asInt();
		assertThat(augmented).as("one variant of most fitted rows").isBetween(100, 360);
		assertThat(distilled.get("rows").asInt()).isEqualTo(360 + augmented);
		assertThat(distilled.get("heldOutAgreement").asDouble()).isBetween(0.0, 1.0);
		assertThat(classify("sst2-student-it:1")).hasSize(2);

		// and, through a fine-tune job with a teacher, a one-layer transformer student
		JsonNode student = this.jobs
			.awaitSuccess(
					this.jobs
						.submit("/api/jobs/fine-tune",
								"""
										{"model": "sst2-transformer-student-it", "datasetId": %d, "encoder": "all-minilm-l6-v2",
										 "layers": 1, "labels": ["1", "0"], "freezeWordEmbeddings": true, "maxSteps": 4, "batchSize": 8,
										 "checkpointEvery": 100, "seed": 7, "int8": false,
										 "teacher": {"cascade": "sst2-ft-it", "version": 3, "temperature": 2, "alpha": 0.5, "augment": 1}}"""
									.formatted(dataset)))
			.get("result");
		assertThat(student.get("models").valueStream().map(JsonNode::asString))
			.containsExactly("sst2-transformer-student-it:1");
		ModelVersion studentVersion = this.registry.findModelVersion(ModelKey.parse("sst2-transformer-student-it:1"))
			.orElseThrow();
		// in the order asked for, the teacher's ([0, 1]) put in it
		assertThat(Label.ids(studentVersion.labels())).containsExactly("1", "0");
		assertThat(studentVersion.options().get("training.hyperParameters")).contains("\"teacher\":\"sst2-tuned-it:1\"",
				"\"temperature\":2.0", "\"layers\":1", "\"augment\":1");
		// the student was trained on the variants, not only told of them
		try (Stream<Path> files = Files.list(Path.of(URI.create(student.get("folder").asString())))) {
			assertThat(files.filter((file) -> file.getFileName().toString().endsWith(".head.json")).toList())
				.isNotEmpty()
				.allSatisfy((head) -> assertThat(HeadFiles.read(head).training().distillation().augmentedRows())
					.as("variants of %s", head)
					.isPositive());
		}
		assertThat(classify("sst2-transformer-student-it:1")).hasSize(2);
	}

	@Test
	void aCancelledJobKeepsItsCheckpointAndResumesFromItWhenRestarted() throws IOException {
		long dataset = this.jobs.upload("sst2-fine-tune-96", AdminJobs.firstRows(Sst2.TRAIN, 96));
		long id = this.jobs.submit("/api/jobs/fine-tune", """
				{"model": "sst2-resumed-it", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "freezeWordEmbeddings": true, "maxSteps": 40, "batchSize": 4, "evaluateEvery": 20,
				 "checkpointEvery": 5, "int8": false}""".formatted(dataset));
		Awaitility.await().atMost(AdminJobs.TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
			JsonNode progress = AdminHttp.json(this.http.get("/api/jobs/" + id)).get("progress");
			return "training".equals(progress.get("phase").asString()) && progress.get("itemsDone").asLong() >= 7;
		});
		JsonNode running = AdminHttp.json(this.http.get("/api/jobs/" + id));
		assertThat(running.get("progress").get("itemsTotal").asLong()).isEqualTo(40);
		assertThat(running.get("progress").get("etaAt").isNull()).isFalse();
		assertThat(this.http.postJson("/api/jobs/" + id + "/cancel", "").statusCode()).isEqualTo(200);
		Awaitility.await()
			.atMost(AdminJobs.TIMEOUT)
			.until(() -> AdminHttp.json(this.http.get("/api/jobs/" + id)).get("status").asString().equals("CANCELLED"));
		Path checkpoint = ROOT.resolve("training").resolve("job-" + id).resolve("checkpoint");
		try (Stream<Path> files = Files.list(checkpoint)) {
			assertThat(files.toList()).isNotEmpty();
		}
		long stepsBefore = AdminHttp.json(this.http.get("/api/jobs/" + id)).at("/curves/loss").size();

		assertThat(this.http.postJson("/api/jobs/" + id + "/restart", "").statusCode()).isEqualTo(200);
		JsonNode result = this.jobs.awaitSuccess(id).get("result");

		long resumedFrom = result.get("resumedFromStep").asLong();
		// the curves are written at every checkpoint: they reach the step it resumes
		// after
		assertThat(resumedFrom).isPositive().isLessThanOrEqualTo(stepsBefore);
		assertThat(resumedFrom % 5).isZero();
		assertThat(result.get("steps").asLong()).isEqualTo(40);
		// across both attempts
		assertLossOfEveryStepButTheSkipped(AdminHttp.json(this.http.get("/api/jobs/" + id)), result, 40);
		assertThat(checkpoint.getParent()).as("the job's working folder, removed on success").doesNotExist();
		assertThat(this.registry.findModelVersion(ModelKey.parse("sst2-resumed-it:1")).orElseThrow().options())
			.containsEntry("training.resumedFromStep", Long.toString(resumedFrom));
	}

	@Test
	void theJobPageOffersCancelWhileItRunsAndRestartOnceCancelled() {
		long dataset = this.jobs.upload("sst2-fine-tune-page", AdminJobs.firstRows(Sst2.TRAIN, 96));
		long id = this.jobs.submit("/api/jobs/fine-tune", """
				{"model": "sst2-page-it", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "freezeWordEmbeddings": true, "maxSteps": 2000, "batchSize": 4, "evaluateEvery": 1000,
				 "checkpointEvery": 500, "int8": false}""".formatted(dataset));
		try (AdminPages pages = AdminPages.open(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD)) {
			pages.visit("/ui/jobs/" + id);
			WebDriver browser = pages.browser();
			pages.waitFor(Duration.ofMinutes(2)).until((driver) -> "RUNNING".equals(status(driver)));
			assertThat(browser.findElement(By.id("cancel")).isEnabled()).as("Cancel on a running job").isTrue();
			assertThat(browser.findElement(By.id("restart")).isEnabled()).as("no Restart on a running job").isFalse();

			browser.findElement(By.id("cancel")).click();
			pages.waitFor(Duration.ofMinutes(2)).until((driver) -> "CANCELLED".equals(status(driver)));
			pages.waitFor(Duration.ofSeconds(10)).until((driver) -> driver.findElement(By.id("restart")).isEnabled());
			assertThat(browser.findElement(By.id("cancel")).isEnabled()).as("no Cancel on a cancelled job").isFalse();

			browser.findElement(By.id("restart")).click();
			pages.waitFor(Duration.ofMinutes(2))
				.until((driver) -> List.of("QUEUED", "RUNNING").contains(status(driver)));
			pages.waitFor(Duration.ofSeconds(10)).until((driver) -> driver.findElement(By.id("cancel")).isEnabled());
		}
		finally {
			this.http.postJson("/api/jobs/" + id + "/cancel", "");
		}
		Awaitility.await()
			.atMost(AdminJobs.TIMEOUT)
			.until(() -> AdminHttp.json(this.http.get("/api/jobs/" + id)).get("status").asString().equals("CANCELLED"));
	}

	private static String status(WebDriver driver) {
		return driver.findElement(By.id("job-progress")).getAttribute("data-job-status");
	}

	@Test
	void badSubmissionsAreRefusedAsProblems() {
		long dataset = this.jobs.upload("sst2-fine-tune-bad", AdminJobs.firstRows(Sst2.TRAIN, 20));
		assertProblem(400, "No data set 999999", """
				{"model": "m", "datasetId": 999999, "encoder": "all-minilm-l6-v2"}""");
		assertProblem(400, "Unknown encoder 'bert-huge'", """
				{"model": "m", "datasetId": %d, "encoder": "bert-huge"}""".formatted(dataset));
		assertProblem(400, "batchSize", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "batchSize": 0}""".formatted(dataset));
		assertProblem(400, "learningRate must lie in (0, 0.01]", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "learningRate": 3}"""
			.formatted(dataset));
		assertProblem(400, "are not the labels of the rows", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "labels": ["pos", "neg"]}"""
			.formatted(dataset));
		assertProblem(400, "model", """
				{"model": "../m", "datasetId": %d, "encoder": "all-minilm-l6-v2"}""".formatted(dataset));
		HttpResponse<String> distil = this.http.postJson("/api/jobs/distil", """
				{"model": "m", "teacherCascade": "no-such-cascade", "datasetId": %d}""".formatted(dataset));
		assertThat(distil.statusCode()).as(distil.body()).isEqualTo(400);
		assertThat(AdminHttp.json(distil).get("detail").asString()).contains("teacher", "no-such-cascade");
		HttpResponse<String> augment = this.http.postJson("/api/jobs/distil", """
				{"model": "m", "teacherCascade": "no-such-cascade", "datasetId": %d, "augment": 17}"""
			.formatted(dataset));
		assertThat(augment.statusCode()).as(augment.body()).isEqualTo(400);
		assertThat(AdminHttp.json(augment).get("detail").asString()).contains("augment must lie in [0, 16], was 17");
		assertProblem(400, "teacher", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "no-such-cascade"}}""".formatted(dataset));
		assertProblem(400, "alpha must lie in [0, 1], was 2.0", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "no-such-cascade", "alpha": 2}}""".formatted(dataset));
		assertProblem(400, "temperature must be from 0.01 to 100.0, was 1.0E-300", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "no-such-cascade", "temperature": 1e-300}}""".formatted(dataset));
		// what the registry would refuse of the model version after training is refused
		// before it
		assertProblem(400, "description has 2001 characters; at most 2000 are kept", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "description": "%s"}"""
			.formatted(dataset, "d".repeat(2001)));
		assertProblem(400, "description holds a NUL", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "description": "a\\u0000b"}"""
			.formatted(dataset));
		assertProblem(400, "augment must lie in [0, 16], was -1", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "no-such-cascade", "augment": -1}}""".formatted(dataset));
		assertProblem(400, "augment must lie in [0, 16], was 17", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "no-such-cascade", "augment": 17}}""".formatted(dataset));
		// augmentation belongs to the teacher here: a misplaced field is refused, not
		// ignored
		assertProblem(400, "Unknown field 'augment'", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1, "augment": 4,
				 "teacher": {"cascade": "no-such-cascade"}}""".formatted(dataset));
		// numbers and booleans are sent as such, never converted
		assertProblem(400, "epochs", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "epochs": 1.5}""".formatted(dataset));
		assertProblem(400, "epochs", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "epochs": "3"}""".formatted(dataset));
		assertProblem(400, "int8", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "int8": 0}""".formatted(dataset));
		// the generic submission checks the same
		HttpResponse<String> generic = this.http.postJson("/api/jobs?kind=FINE_TUNE", """
				{"model": "m", "datasetId": %d, "encoder": "bert-huge"}""".formatted(dataset));
		assertThat(generic.statusCode()).isEqualTo(400);
		assertThat(generic.body()).contains("Unknown encoder");
	}

	@Test
	void aJobCancelledWhileItsTeacherLabelsTheTextsStopsThereWithoutTraining() {
		// a teacher of twelve layers scoring some 2,000 texts: seconds, time to cancel
		long dataset = this.jobs.upload("sst2-fine-tune-taught", AdminJobs.firstRows(Sst2.TRAIN, 160));
		this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/fit-head", """
				{"model": "sst2-bge-teacher-it", "datasetId": %d, "encoder": "bge-small-en-v1.5-q"}"""
			.formatted(dataset)));
		HttpResponse<String> created = this.http.postJson("/api/cascades/sst2-teacher-it/versions", """
				{"tiers": [{"model": "sst2-bge-teacher-it:1"}]}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = this.jobs.submit("/api/jobs/fine-tune",
				"""
						{"model": "sst2-taught-it", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
						 "maxSteps": 4, "batchSize": 4, "int8": false, "teacher": {"cascade": "sst2-teacher-it", "augment": 16}}"""
					.formatted(dataset));
		Awaitility.await()
			.atMost(AdminJobs.TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> JobTrainingListener.TEACHER_PHASE
				.equals(AdminHttp.json(this.http.get("/api/jobs/" + id)).at("/progress/phase").asString()));
		// the rows trained on and up to 16 variants of each
		assertThat(AdminHttp.json(this.http.get("/api/jobs/" + id)).at("/progress/itemsTotal").asLong())
			.isGreaterThan(8 * 160);
		assertThat(this.http.postJson("/api/jobs/" + id + "/cancel", "").statusCode()).isEqualTo(200);

		Awaitility.await()
			.atMost(AdminJobs.TIMEOUT)
			.until(() -> AdminHttp.json(this.http.get("/api/jobs/" + id)).get("status").asString().equals("CANCELLED"));
		JsonNode cancelled = AdminHttp.json(this.http.get("/api/jobs/" + id));
		assertThat(cancelled.at("/progress/phase").asString()).as("stopped before the loop")
			.isEqualTo(JobTrainingListener.TEACHER_PHASE);
		assertThat(cancelled.at("/curves/loss").size()).as("no step taken").isZero();
	}

	@Test
	void whatTrainingAndTheCalibrationAfterItNeedIsCheckedBeforeTheJobIsQueued() {
		long train = this.jobs.upload("sst2-fine-tune-checks", AdminJobs.firstRows(Sst2.TRAIN, 40));
		this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/fit-head", """
				{"model": "sst2-lexical-checks", "datasetId": %d, "encoder": "lexical"}""".formatted(train)));
		HttpResponse<String> created = this.http.postJson("/api/cascades/sst2-ft-checks/versions", """
				{"tiers": [{"model": "sst2-lexical-checks:1"}]}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long splits = this.jobs.upload("sst2-fine-tune-splits", """
				text\tlabel\tsplit
				dull\t0\tneg
				flat\t0\tneg
				tedious\t0\tneg
				bland\t0\tneg
				lovely\t1\tmix
				grim\t0\tmix
				""".getBytes(StandardCharsets.UTF_8));
		long words = this.jobs.upload("sst2-fine-tune-words", """
				text\tlabel
				dull\tneg
				lovely\tpos
				grim\tneg
				warm\tpos
				""".getBytes(StandardCharsets.UTF_8));
		long two = this.jobs.upload("sst2-fine-tune-two", """
				text\tlabel
				dull\t0
				lovely\t1
				""".getBytes(StandardCharsets.UTF_8));
		long before = jobCount();

		assertProblem(400, "has no split 'none'; its splits are [mix, neg]", """
				{"model": "m", "datasetId": %d, "split": "none", "encoder": "all-minilm-l6-v2"}""".formatted(splits));
		assertProblem(400, "fewer than two labels [0]", """
				{"model": "m", "datasetId": %d, "split": "neg", "encoder": "all-minilm-l6-v2"}""".formatted(splits));
		assertProblem(400, "has no splits", """
				{"model": "m", "datasetId": %d, "split": "train", "encoder": "all-minilm-l6-v2"}""".formatted(train));
		assertProblem(400, "layers must lie in [0, 6] for encoder 'all-minilm-l6-v2'", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 7}""".formatted(train));
		assertProblem(400, "too few to hold rows out", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2"}""".formatted(two));
		String calibrated = """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "cascade": %s}""";
		assertProblem(400, "cascade: Unknown policy 'nope'", calibrated.formatted(train, """
				{"name": "sst2-ft-checks", "datasetId": %d, "policy": {"name": "nope"}}""".formatted(train)));
		assertProblem(400, "cascade: maxDrop must lie in [0, 1]", calibrated.formatted(train, """
				{"name": "sst2-ft-checks", "datasetId": %d, "policy": {"name": "accuracy-budget", "maxDrop": -5}}"""
			.formatted(train)));
		assertProblem(400, "cascade: maxRisk does not apply to the accuracy-budget policy",
				calibrated.formatted(train,
						"""
								{"name": "sst2-ft-checks", "datasetId": %d, "policy": {"name": "accuracy-budget", "maxRisk": 0.1}}"""
							.formatted(train)));
		assertProblem(400,
				"cascade: The data set 'sst2-fine-tune-words' has labels the cascade does not know: [neg, pos]",
				calibrated.formatted(train, """
						{"name": "sst2-ft-checks", "datasetId": %d}""".formatted(words)));
		assertProblem(400, "cascade: The data set 'sst2-fine-tune-splits' has no split 'none'",
				calibrated.formatted(train, """
						{"name": "sst2-ft-checks", "datasetId": %d, "split": "none"}""".formatted(splits)));
		assertProblem(400, "cascade: The data set 'sst2-fine-tune-two' has 2 rows: calibration",
				calibrated.formatted(train, """
						{"name": "sst2-ft-checks", "datasetId": %d}""".formatted(two)));
		assertProblem(400,
				"cascade: The rows of the data set 'sst2-fine-tune-splits' (split 'neg') carry 1 label: calibration",
				calibrated.formatted(train, """
						{"name": "sst2-ft-checks", "datasetId": %d, "split": "neg"}""".formatted(splits)));
		// labels that the cascade or the teacher does not share are refused before
		// training
		StringBuilder manyWords = new StringBuilder("text\tlabel\n");
		for (int i = 0; i < 40; i++) {
			manyWords.append((i % 2 == 0) ? "dull " : "lovely ").append(i).append((i % 2 == 0) ? "\tneg\n" : "\tpos\n");
		}
		long wordsMany = this.jobs.upload("sst2-fine-tune-words-many",
				manyWords.toString().getBytes(StandardCharsets.UTF_8));
		assertProblem(400, "cascade: the tier trained on labels [neg, pos] cannot join version",
				calibrated.formatted(wordsMany, """
						{"name": "sst2-ft-checks", "datasetId": %d}""".formatted(train)));
		assertProblem(400, "teacher: The teacher's labels [0, 1] are not the training rows' [neg, pos]", """
				{"model": "m", "datasetId": %d, "encoder": "all-minilm-l6-v2", "layers": 1,
				 "teacher": {"cascade": "sst2-ft-checks"}}""".formatted(wordsMany));
		HttpResponse<String> otherTeacher = this.http.postJson("/api/jobs/distil", """
				{"model": "m", "teacherCascade": "sst2-ft-checks", "datasetId": %d}""".formatted(wordsMany));
		assertThat(otherTeacher.statusCode()).as(otherTeacher.body()).isEqualTo(400);
		assertThat(AdminHttp.json(otherTeacher).get("detail").asString())
			.contains("are not all the labels of the rows, [neg, pos]");
		// the other jobs that train a classifier check their split too
		HttpResponse<String> distil = this.http.postJson("/api/jobs/distil", """
				{"model": "m", "teacherCascade": "sst2-ft-checks", "datasetId": %d, "split": "neg"}"""
			.formatted(splits));
		assertThat(distil.statusCode()).as(distil.body()).isEqualTo(400);
		assertThat(AdminHttp.json(distil).get("detail").asString()).contains("fewer than two labels [0]");
		HttpResponse<String> fitHead = this.http.postJson("/api/jobs/fit-head", """
				{"model": "m", "datasetId": %d, "split": "none", "encoder": "lexical"}""".formatted(splits));
		assertThat(fitHead.statusCode()).as(fitHead.body()).isEqualTo(400);
		assertThat(AdminHttp.json(fitHead).get("detail").asString()).contains("has no split 'none'");
		assertThat(jobCount()).as("nothing was queued").isEqualTo(before);
	}

	private long jobCount() {
		return AdminHttp.json(this.http.get("/api/jobs?limit=1000")).size();
	}

	private void assertProblem(int status, String detail, String body) {
		assertThat(Problems.problem(this.http.postJson("/api/jobs/fine-tune", body), status).get("detail").asString())
			.contains(detail);
	}

	private float[] classify(String model) {
		String cascade = model.replace(':', '-');
		HttpResponse<String> created = this.http.postJson("/api/cascades/" + cascade + "/versions",
				"{\"tiers\": [{\"model\": \"" + model + "\"}]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		try (LoadedCascadeVersion loaded = this.loader.load(this.registry.listCascadeVersions(cascade).get(0))) {
			List<Scores> scores = loaded.stages()
				.get(0)
				.tier()
				.classify(List.of(TextInput.of("a warm , funny and beautifully acted film .")));
			return scores.get(0).logits();
		}
	}

	/**
	 * Asserts that a job's loss curve has a point for each of its steps but those it
	 * skipped for a gradient that was not finite (rare: a few at most), and returns how
	 * many points it has.
	 */
	private static int assertLossOfEveryStepButTheSkipped(JsonNode job, JsonNode result, long steps) {
		long skipped = result.get("skippedSteps").asLong();
		assertThat(skipped).as("steps skipped").isLessThanOrEqualTo(2);
		int drawn = (int) (steps - skipped);
		assertThat(job.at("/curves/loss").valueStream().map((point) -> point.get("x").asLong()).toList()).hasSize(drawn)
			.isSorted()
			.doesNotHaveDuplicates()
			.allSatisfy((step) -> assertThat(step).isBetween(1L, steps));
		return drawn;
	}

}
