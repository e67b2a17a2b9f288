package dev.tango.admin.release;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseReports;
import dev.tango.models.release.ReleaseRole;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release plans' REST API on PostgreSQL: a canary started, refused twice, measured by
 * two instances and promoted; a shadow aborted; every refusal a problem detail saying
 * what to change; the audit under the caller's name.
 */
@AdminIntegrationTest
@ArtifactRoot("release-api-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class ReleaseApiIT extends SignedInClientTests {

	@Autowired
	ReleaseReports reports;

	@Test
	void aCanaryIsStartedMeasuredAndPromotedAndAShadowAborted() throws IOException {
		String cascade = twoVersionCascade("release-api");
		String path = "/api/cascades/" + cascade + "/release";
		assertThat(AdminHttp.json(this.http.get(path)).get("running").isNull()).isTrue();

		HttpResponse<String> started = this.http.postJson(path,
				"{\"mode\": \"CANARY\", \"version\": 2, \"share\": 0.2, \"maxErrorRate\": 0.02, \"reason\": \"try 0.9\"}");
		assertThat(started.statusCode()).isEqualTo(200);
		JsonNode plan = AdminHttp.json(started);
		assertThat(plan.get("state").asString()).isEqualTo("RUNNING");
		assertThat(plan.get("baseVersion").asInt()).isEqualTo(1);
		assertThat(plan.get("share").asDouble()).isEqualTo(0.2);
		assertThat(plan.get("bounds").get("maxErrorRate").asDouble()).isEqualTo(0.02);
		assertThat(plan.get("bounds").get("minRequests").asInt()).isEqualTo(50);
		assertProblem(this.http.postJson(path, "{\"mode\": \"SHADOW\", \"version\": 2, \"reason\": \"again\"}"), 409,
				"conflict", "runs already");

		long id = plan.get("id").asLong();
		Instant now = Instant.now();
		for (String instance : List.of("api-a:1", "api-b:2")) {
			this.reports.save(new ReleaseReport(instance, id, 1, ReleaseRole.ACTIVE, 80, 80, 0, 0, 0, 0,
					List.of(new ReleaseReport.TierCounts(80, 60, 0), new ReleaseReport.TierCounts(20, 20, 0)),
					80_000_000, now));
			this.reports.save(new ReleaseReport(instance, id, 2, ReleaseRole.CANDIDATE, 20, 20, 1, 0, 0, 0,
					List.of(new ReleaseReport.TierCounts(20, 10, 0), new ReleaseReport.TierCounts(10, 10, 0)),
					40_000_000, now));
		}
		JsonNode status = AdminHttp.json(this.http.get(path));
		assertThat(status.get("running").get("id").asLong()).isEqualTo(id);
		JsonNode candidate = status.get("reports").get(1);
		assertThat(candidate.get("role").asString()).isEqualTo("CANDIDATE");
		assertThat(candidate.get("instances").asInt()).isEqualTo(2);
		assertThat(candidate.get("requests").asLong()).isEqualTo(40);
		assertThat(candidate.get("errorRate").asDouble()).isEqualTo(0.05);
		assertThat(candidate.get("escalation").get(0).asDouble()).isEqualTo(0.5);
		assertThat(candidate.get("calibratedEscalation").get(0).isNull()).as("never calibrated").isTrue();
		assertThat(candidate.get("costMillisPerInput").asDouble()).isEqualTo(2.0);
		assertThat(status.get("reports").get(0).get("escalation").get(0).asDouble()).isEqualTo(0.25);

		assertProblem(this.http.postJson(path + "/promote", "{\"reason\": \" \"}"), 400, "invalid-request",
				"Give a reason");
		HttpResponse<String> promoted = this.http.postJson(path + "/promote", "{\"reason\": \"errors within bounds\"}");
		assertThat(promoted.statusCode()).isEqualTo(200);
		assertThat(AdminHttp.json(promoted).get("state").asString()).isEqualTo("PROMOTED");
		assertThat(this.registry.getActive(cascade).orElseThrow().version().version()).isEqualTo(2);
		assertThat(this.registry.history(cascade).get(0).actor()).isEqualTo(AdminIntegrationTest.USER);
		assertProblem(this.http.postJson(path + "/abort", "{\"reason\": \"nothing runs\"}"), 404, "not-found",
				"No release plan runs");

		assertThat(this.http.postJson(path, "{\"mode\": \"SHADOW\", \"version\": 1, \"reason\": \"the old one\"}")
			.statusCode()).isEqualTo(200);
		// an emoji counts as two of the 1,000 characters, so that the reason fits any
		// database; PostgreSQL keeps it whole
		String seenEnough = "seen enough " + "\uD83D\uDE00".repeat(494);
		assertProblem(this.http.postJson(path + "/abort", "{\"reason\": \"" + seenEnough + "!\"}"), 400,
				"invalid-request", "The reason has 1001 characters; at most 1000 are kept (an emoji");
		HttpResponse<String> aborted = this.http.postJson(path + "/abort", "{\"reason\": \"" + seenEnough + "\"}");
		assertThat(AdminHttp.json(aborted).get("state").asString()).isEqualTo("ABORTED");
		assertThat(AdminHttp.json(aborted).get("share").asDouble()).as("a shadow copies all by default").isEqualTo(1.0);

		JsonNode audit = AdminHttp.json(this.http.get(path)).get("audit");
		assertThat(audit.size()).isEqualTo(4);
		assertThat(audit.get(0).get("action").asString()).isEqualTo("ABORT");
		assertThat(audit.get(0).get("reason").asString()).isEqualTo(seenEnough);
		assertThat(audit.get(0).get("actor").asString()).isEqualTo(AdminIntegrationTest.USER);
		assertThat(audit.get(2).get("action").asString()).isEqualTo("PROMOTE");
	}

	@Test
	void badPlansAreProblemsThatSayWhatToChange() throws IOException {
		String cascade = twoVersionCascade("release-bad");
		String path = "/api/cascades/" + cascade + "/release";
		assertProblem(this.http.postJson(path, "{\"mode\": \"CANARY\", \"version\": 2}"), 400, "invalid-request",
				"Give a reason");
		assertProblem(this.http.postJson(path, "{\"version\": 2, \"reason\": \"r\"}"), 400, "invalid-request",
				"SHADOW or CANARY");
		assertProblem(this.http.postJson(path, "{\"mode\": \"CANARY\", \"reason\": \"r\"}"), 400, "invalid-request",
				"candidate version");
		assertProblem(this.http.postJson(path, "{\"mode\": \"CANARY\", \"version\": 1, \"reason\": \"r\"}"), 400,
				"invalid-request", "is the active one");
		assertProblem(this.http.postJson(path, "{\"mode\": \"CANARY\", \"version\": 7, \"reason\": \"r\"}"), 404,
				"not-found", "no version 7");
		assertProblem(
				this.http.postJson(path, "{\"mode\": \"CANARY\", \"version\": 2, \"share\": 1.5, \"reason\": \"r\"}"),
				400, "invalid-request", "share is 1.5");
		assertProblem(
				this.http.postJson(path,
						"{\"mode\": \"CANARY\", \"version\": 2, \"minRequests\": 0, \"reason\": \"r\"}"),
				400, "invalid-request", "minRequests");
		assertThat(this.http.postJson(path, "{\"mode\": \"BLUE\", \"version\": 2, \"reason\": \"r\"}").statusCode())
			.isEqualTo(400);
		assertProblem(this.http.get("/api/cascades/no-such-cascade/release"), 404, "not-found", "no-such-cascade");
		assertThat(AdminHttp.json(this.http.get(path)).get("plans").size()).isZero();
	}

	private String twoVersionCascade(String cascade) throws IOException {
		ReleaseFixtures.twoVersionCascade(this.registry, cascade, smallHead());
		return cascade;
	}

}
