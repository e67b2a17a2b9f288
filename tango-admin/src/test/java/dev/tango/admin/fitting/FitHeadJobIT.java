package dev.tango.admin.fitting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.Sst2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fit-head job over real HTTP on real PostgreSQL, embedding SST-2 rows with the real
 * int8 bge-small: it reports the inputs embedded as it goes, and a cancellation stops it
 * there, within a heartbeat, registering nothing.
 */
@AdminIntegrationTest
@PromptJobs
class FitHeadJobIT extends SignedInClientTests {

	@Test
	void aJobReportsTheInputsEmbeddedAndACancellationStopsItWhileItEmbeds() {
		// a row no earlier run has seen, so that the embeddings are not cached
		byte[] rows = (new String(AdminJobs.firstRows(Sst2.TRAIN, 12000), StandardCharsets.UTF_8) + "a run of "
				+ UUID.randomUUID() + "\t1\n")
			.getBytes(StandardCharsets.UTF_8);
		long dataset = this.jobs.upload("sst2-fit-head-cancelled", rows);
		long id = this.jobs.submit("/api/jobs/fit-head", """
				{"model": "sst2-fit-head-cancelled-it", "datasetId": %d, "encoder": "bge-small-en-v1.5-q"}"""
			.formatted(dataset));
		Awaitility.await().atMost(AdminJobs.TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode progress = AdminHttp.json(this.http.get("/api/jobs/" + id)).get("progress");
			return "embedding".equals(progress.get("phase").asString()) && progress.get("itemsDone").asLong() >= 64;
		});
		JsonNode embedding = AdminHttp.json(this.http.get("/api/jobs/" + id)).get("progress");
		assertThat(embedding.get("itemsTotal").asLong()).isEqualTo(12001);
		assertThat(embedding.get("percent").asDouble()).isBetween(5.0, 75.0);

		assertThat(this.http.postJson("/api/jobs/" + id + "/cancel", "").statusCode()).isEqualTo(200);

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> AdminHttp.json(this.http.get("/api/jobs/" + id)).get("status").asString().equals("CANCELLED"));
		JsonNode cancelled = AdminHttp.json(this.http.get("/api/jobs/" + id)).get("progress");
		assertThat(cancelled.get("phase").asString()).isEqualTo("embedding");
		assertThat(cancelled.get("itemsDone").asLong()).isLessThan(12001);
		assertThat(this.http.get("/api/models/sst2-fit-head-cancelled-it").statusCode()).isEqualTo(404);
	}

}
