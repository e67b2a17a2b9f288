package dev.tango.admin.feedback;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.Sst2;
import dev.tango.core.calibration.Binomial;
import dev.tango.models.feedback.FeedbackEntry;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.registry.RegistryProperties;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Feedback in the admin, over real HTTP and PostgreSQL with the bundled cascade: the live
 * accuracy of a version's answers (REST and the cascade page), and a calibration whose
 * labelled data is the cascade's feedback with texts. The feedback is written as
 * tango-api writes it, through the registry's {@link FeedbackStore} (tango-api's own
 * tests send it over HTTP).
 */
@AdminIntegrationTest
@ArtifactRoot("feedback-calibration-it")
@PromptJobs
@TestPropertySource(properties = { "tango.registry.seed=" + RegistryProperties.DEFAULT_SEED })
class FeedbackCalibrationIT extends SignedInClientTests {

	static final String CASCADE = "sst2-sentiment";

	@Autowired
	FeedbackStore feedback;

	@Test
	void showsLiveAccuracyAndCalibratesOnFeedback() throws IOException {
		Instant now = Instant.now();
		// Version 1's answers: tier 0 right 9 times of 12, tier 1 right 3 times of 4.
		for (int i = 0; i < 16; i++) {
			int tier = (i < 12) ? 0 : 1;
			boolean right = (tier == 0) ? i < 9 : i < 15;
			String text = Sha256.ofUtf8("answer " + i);
			this.feedback.record(new FeedbackEntry(CASCADE, Sha256.ofUtf8("id " + i),
					new FeedbackEntry.Answer(1, tier, "1", now), right ? "1" : "0", text, null, now));
		}
		JsonNode rows = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/live-accuracy"));
		assertThat(rows).hasSize(3);
		assertRow(rows.get(0), null, 16, 12);
		assertRow(rows.get(1), 0, 12, 9);
		assertRow(rows.get(2), 1, 4, 3);
		assertThat(this.http.get("/api/cascades/nope/live-accuracy").statusCode()).isEqualTo(404);
		HttpResponse<String> page = this.http.get("/ui/cascades/" + CASCADE);
		assertThat(page.body()).contains("id=\"live-accuracy\"", "75.0%", "data-tier=\"all\"");
		// the live numbers of version 1: a quarter of its labelled answers came from tier
		// 1
		assertThat(page.body()).contains("id=\"live-numbers\"", "<td class=\"escalated\">25.0%</td>",
				"<td class=\"accuracy\">75.0% (");

		HttpResponse<String> neither = this.http.postJson("/api/jobs/calibrate", "{\"cascade\": \"" + CASCADE + "\"}");
		assertThat(neither.statusCode()).as(neither.body()).isEqualTo(400);
		assertThat(neither.body()).contains("exactly one of datasetId");
		long empty = this.jobs.submit("/api/jobs/calibrate",
				"{\"cascade\": \"" + CASCADE + "\", \"feedback\": true, \"measureCosts\": false}");
		this.jobs.awaitFailure(empty, "no feedback with texts");

		List<LabelledExample> dev = LabelledDataset.read(Sst2.DEV).examples().subList(0, 240);
		for (LabelledExample example : dev) {
			String text = FeedbackEntry.textSha256(example.input());
			this.feedback.record(new FeedbackEntry(CASCADE, FeedbackEntry.textKey(text), null, example.label(), text,
					example.input(), now));
		}
		long job = this.jobs.submit("/api/jobs/calibrate", """
				{"cascade": "%s", "feedback": true, "folds": 4, "measureCosts": false,
				 "policy": {"name": "accuracy-budget", "maxDrop": 0.02}}""".formatted(CASCADE));
		JsonNode result = this.jobs.awaitSuccess(job).get("result");
		assertThat(result.get("dataset").get("name").asString()).isEqualTo("feedback:" + CASCADE + ":job-" + job);
		assertThat(result.get("newVersion").asInt()).isEqualTo(2);
		assertThat(result.get("calibrationRows").asInt()).isEqualTo(240);
		JsonNode stored = AdminHttp.json(this.http.get("/api/datasets/" + result.get("dataset").get("id").asLong()));
		assertThat(stored.get("rowCount").asInt()).isEqualTo(240);
		JsonNode calibrations = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/versions/2/calibrations"));
		assertThat(calibrations.get(0).get("parameters").get("source").asString()).isEqualTo("feedback");
	}

	private static void assertRow(JsonNode row, Integer tier, int labelled, int correct) {
		assertThat(row.get("version").asInt()).isEqualTo(1);
		if (tier == null) {
			assertThat(row.get("tier").isNull()).as(row.toString()).isTrue();
		}
		else {
			assertThat(row.get("tier").asInt()).isEqualTo(tier);
		}
		assertThat(row.get("labelled").asLong()).isEqualTo(labelled);
		assertThat(row.get("correct").asLong()).isEqualTo(correct);
		Binomial.Interval interval = Binomial.wilson(correct, labelled, 0.95);
		assertThat(row.get("accuracy").asDouble()).isCloseTo((double) correct / labelled, within(1e-12));
		assertThat(row.get("lower").asDouble()).isCloseTo(interval.lower(), within(1e-12));
		assertThat(row.get("upper").asDouble()).isCloseTo(interval.upper(), within(1e-12));
	}

}
