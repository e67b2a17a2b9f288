package dev.tango.admin.job;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kind of job that only the test sources add: one class ({@link EchoJob}) and its
 * registration as a bean. The service stores, submits, runs and shows it like the
 * built-in kinds, on real PostgreSQL, with no enum or schema change.
 */
@AdminIntegrationTest
@Import(JobKindPlugInIT.EchoJob.class)
class JobKindPlugInIT extends SignedInClientTests {

	@Test
	void aJobOfAPlugInKindIsQueuedRunAndShown() {
		long id = this.jobs.submit("/api/jobs?kind=echo", """
				{"text": "tango", "times": 3}""");

		JsonNode job = this.jobs.awaitSuccess(id);

		assertThat(job.get("kind").asString()).isEqualTo("ECHO");
		assertThat(job.get("result").get("echo").asString()).isEqualTo("tango tango tango");
		assertThat(job.get("progress").get("percent").asDouble()).isEqualTo(100.0);
		assertThat(AdminHttp.json(this.http.get("/api/jobs")).valueStream().map((j) -> j.get("kind").asString()))
			.contains("ECHO");
	}

	@Test
	void aPlugInKindsParametersAreValidatedAndCheckedBeforeQueueing() {
		HttpResponse<String> blank = this.http.postJson("/api/jobs?kind=ECHO", """
				{"text": " ", "times": 3}""");
		assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
		assertThat(AdminHttp.json(blank).get("detail").asString())
			.isEqualTo("Invalid parameters for job kind ECHO: text must not be blank");

		HttpResponse<String> tooMany = this.http.postJson("/api/jobs?kind=ECHO", """
				{"text": "abcdefgh", "times": 3}""");
		assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
		assertThat(AdminHttp.json(tooMany).get("detail").asString()).contains("at most 20 characters");

		HttpResponse<String> malformed = this.http.postJson("/api/jobs?kind=ECHO", """
				{"text": "x", "times": "many"}""");
		assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
		assertThat(AdminHttp.json(malformed).get("detail").asString())
			.startsWith("Invalid parameters for job kind ECHO");
	}

	@Test
	void anUnknownOrMissingKindIsRefusedWithTheKnownOnes() {
		HttpResponse<String> refused = this.http.postJson("/api/jobs?kind=TRAIN_ROCKET", "{}");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
		assertThat(AdminHttp.json(refused).get("type").asString()).isEqualTo("https://tango.dev/problems/not-found");
		assertThat(AdminHttp.json(refused).get("detail").asString()).startsWith("No job kind 'TRAIN_ROCKET'")
			.contains("ECHO", "FIT_HEAD", "EVALUATE", "CALIBRATE");

		HttpResponse<String> unnamed = this.http.postJson("/api/jobs", "{\"text\": \"x\", \"times\": 1}");
		assertThat(unnamed.statusCode()).as(unnamed.body()).isEqualTo(400);
		assertThat(AdminHttp.json(unnamed).get("type").asString())
			.isEqualTo("https://tango.dev/problems/invalid-request");
		assertThat(AdminHttp.json(unnamed).get("detail").asString())
			.startsWith("Name the kind of job to queue: POST /api/jobs?kind=NAME")
			.contains("ECHO", "FIT_HEAD", "EVALUATE", "CALIBRATE");
	}

	/**
	 * The parameters of an echo job.
	 *
	 * @param text what to repeat
	 * @param times how many times, 1 to 5
	 */
	record EchoParameters(@NotBlank String text, @Min(1) @Max(5) int times) {

	}

	/** Repeats a text, the whole of a kind of job. */
	static class EchoJob implements JobHandler<EchoParameters> {

		@Override
		public String kind() {
			return "ECHO";
		}

		@Override
		public Class<EchoParameters> parametersType() {
			return EchoParameters.class;
		}

		@Override
		public void check(EchoParameters parameters) {
			if ((parameters.text().length() + 1) * parameters.times() > 21) {
				throw new IllegalArgumentException("The echo must be at most 20 characters");
			}
		}

		@Override
		public Set<Long> datasets(EchoParameters parameters) {
			return Set.of();
		}

		@Override
		public Object run(EchoParameters parameters, JobContext context) {
			context.progress("echo", 100, parameters.times(), (long) parameters.times());
			return Map.of("echo", String.join(" ", Collections.nCopies(parameters.times(), parameters.text())));
		}

	}

}
