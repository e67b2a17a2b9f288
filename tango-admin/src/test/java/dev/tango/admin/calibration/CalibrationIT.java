package dev.tango.admin.calibration;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.Sst2;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.encoder.BundledEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole path over real HTTP, real PostgreSQL and real ONNX models: SST-2 rows
 * uploaded, heads fitted by fit-head jobs and registered, a two-tier cascade (lexical,
 * then MiniLM) created, calibrated on {@code sst2/dev.tsv} by a calibrate job into a new
 * version that is activated, compared, rolled back and evaluated.
 */
@AdminIntegrationTest
@ArtifactRoot("calibration-it")
@PromptJobs
class CalibrationIT extends SignedInClientTests {

	static final Path ROOT = ArtifactDirectories.root("calibration-it");

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void calibratesAnSst2CascadeOnDevIntoANewVersion() throws IOException {
		long train = this.jobs.upload("sst2-train-1500", AdminJobs.firstRows(Sst2.TRAIN, 1500));
		long dev = this.jobs.upload("sst2-dev", Files.readAllBytes(Sst2.DEV));

		JsonNode lexical = this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/fit-head", """
				{"model": "sst2-lexical-it", "datasetId": %d, "encoder": "lexical", "l2Grid": [0.001, 0.0001]}"""
			.formatted(train)));
		JsonNode minilm = this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/fit-head",
				"""
						{"model": "sst2-minilm-it", "datasetId": %d, "encoder": "all-minilm-l6-v2-q", "l2Grid": [0.001, 0.0001]}"""
					.formatted(train)));
		assertThat(lexical.get("result").get("model").asString()).isEqualTo("sst2-lexical-it:1");
		assertThat(minilm.get("result").get("model").asString()).isEqualTo("sst2-minilm-it:1");
		assertThat(minilm.get("result").get("heldOutAccuracy").asDouble()).isGreaterThan(0.7);
		String headUri = minilm.get("result").get("headUri").asString();
		assertThat(headUri).startsWith(ROOT.toUri().toString());
		assertThat(Sha256.of(Path.of(java.net.URI.create(headUri))))
			.isEqualTo(minilm.get("result").get("headSha256").asString());

		HttpResponse<String> created = this.http.postJson("/api/cascades/sst2-it/versions", """
				{"tiers": [{"model": "sst2-lexical-it:1", "threshold": 0.9, "batchSize": 64},
				           {"model": "sst2-minilm-it:1", "batchSize": 16}],
				 "description": "hand-set threshold"}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(this.http.postJson("/api/cascades/sst2-it/activate", "{\"version\": 1}").statusCode())
			.isEqualTo(200);

		long jobId = this.jobs.submit("/api/jobs/calibrate", """
				{"cascade": "sst2-it", "datasetId": %d, "policy": {"name": "accuracy-budget", "maxDrop": 0.005},
				 "batchSizes": [1, 16], "threadCounts": [1, 2], "costSample": 64, "activate": true}""".formatted(dev));
		List<Double> progress = new ArrayList<>();
		JsonNode job = this.jobs.awaitSuccess(jobId, progress);
		JsonNode result = job.get("result");

		// progress only ever went up, and the job says what it did
		assertThat(progress).isSorted();
		assertThat(progress.get(progress.size() - 1)).isEqualTo(100.0);
		assertThat(result.get("sourceVersion").asInt()).isEqualTo(1);
		assertThat(result.get("newVersion").asInt()).isEqualTo(2);
		assertThat(result.get("activated").asBoolean()).isTrue();
		assertThat(result.get("calibrationRows").asInt()).isEqualTo(872);
		assertThat(result.get("heldOutRows").asInt()).isEqualTo(872);
		assertThat(result.get("dataset").get("sha256").asString()).isEqualTo(Sha256.of(Sst2.DEV));
		assertThat(result.get("method").asString()).contains("accuracy drop", "n = " + result.get("calibrationRows"));
		assertThat(result.get("constraintMet").asBoolean()).isTrue();
		double threshold = result.get("thresholds").get(0).asDouble();
		assertThat(threshold).isBetween(0.5, 1.0);

		// the cross-fitted report: within half a point of the last tier alone
		JsonNode heldOut = result.get("heldOut");
		assertThat(result.get("folds").asInt()).isEqualTo(10);
		assertThat(heldOut.get("note").asString()).contains("each row was scored with thresholds chosen", "without it");
		assertThat(heldOut.get("foldThresholds")).hasSize(10);
		double accuracy = heldOut.get("point").get("accuracy").asDouble();
		double lastTier = heldOut.get("point").get("lastTierAccuracy").asDouble();
		assertThat(accuracy).isGreaterThanOrEqualTo(lastTier - 0.005);
		assertThat(lastTier).isEqualTo(heldOut.get("tierAccuracies").get(1).asDouble());
		assertThat(heldOut.get("accuracyInterval").get(0).asDouble()).isLessThan(accuracy);
		assertThat(heldOut.get("accuracyInterval").get(1).asDouble()).isGreaterThan(accuracy);
		// the summary the bench prints for the same data and policy (CalibrationSummary)
		assertThat(heldOut.get("rows").asInt()).isEqualTo(872);
		assertThat(result.get("summary").asString()).contains("Out of sample (10-fold cross-fitting, 872 rows)",
				String.format(java.util.Locale.ROOT, "thresholds %.4f; budget met", threshold));

		// costs measured on this host at every setting, the cheapest kept; the lexical
		// tier runs no ONNX Runtime, so it has no thread count
		JsonNode costs = result.get("costs");
		assertThat(costs.size()).isEqualTo(2);
		assertThat(costs.get(0).get("settings").size()).isEqualTo(2);
		assertThat(costs.get(0).get("best").get("threads").isNull()).isTrue();
		assertThat(costs.get(1).get("settings").size()).isEqualTo(4);
		assertThat(costs.get(1).get("best").get("threads").asInt()).isIn(1, 2);
		for (JsonNode cost : costs) {
			for (JsonNode setting : cost.get("settings")) {
				assertThat(cost.get("best").get("nanosPerInput").asDouble())
					.isLessThanOrEqualTo(setting.get("nanosPerInput").asDouble());
			}
		}
		assertThat(costs.get(1).get("best").get("nanosPerInput").asDouble())
			.isGreaterThan(costs.get(0).get("best").get("nanosPerInput").asDouble());

		// the new version carries the thresholds, temperatures, batch sizes and threads
		// chosen
		JsonNode version = AdminHttp.json(this.http.get("/api/cascades/sst2-it/versions/2"));
		assertThat(version.get("tiers").get(0).get("gate").get("threshold").asDouble()).isEqualTo(threshold);
		assertThat(version.get("tiers").get(0).get("batchSize").asInt())
			.isEqualTo(costs.get(0).get("best").get("batchSize").asInt());
		assertThat(version.get("tiers").get(1).get("batchSize").asInt())
			.isEqualTo(costs.get(1).get("best").get("batchSize").asInt());
		assertThat(version.get("tiers").get(1).get("gate").isNull()).isTrue();
		assertThat(version.get("tiers").get(0).get("intraOpThreads").isNull()).isTrue();
		assertThat(version.get("tiers").get(1).get("intraOpThreads").asInt())
			.isEqualTo(costs.get(1).get("best").get("threads").asInt());
		assertThat(version.get("description").asString()).contains("job " + jobId, "held-out accuracy");

		// with its calibration and curve
		JsonNode calibrations = AdminHttp.json(this.http.get("/api/cascades/sst2-it/versions/2/calibrations"));
		assertThat(calibrations.size()).isEqualTo(1);
		JsonNode calibration = calibrations.get(0);
		assertThat(calibration.get("id").asLong()).isEqualTo(result.get("calibrationId").asLong());
		assertThat(calibration.get("policy").asString()).isEqualTo("accuracy-budget");
		assertThat(calibration.get("datasetSha256").asString()).isEqualTo(Sha256.of(Sst2.DEV));
		assertThat(calibration.get("thresholds").get("0").asDouble()).isEqualTo(threshold);
		assertThat(calibration.get("parameters").get("maxDrop").asString()).isEqualTo("0.005");
		assertThat(calibration.get("parameters").get("heldOut.accuracy").asDouble()).isCloseTo(accuracy, within(1e-6));
		assertThat(calibration.get("curve").size()).isGreaterThan(50);
		// and the drift reference of tango-api's drift watch, measured on the same rows
		String[] reach = calibration.get("parameters").get("drift.escalation").asString().split(",");
		assertThat(reach).hasSize(2);
		assertThat(Double.parseDouble(reach[0])).isEqualTo(1.0);
		assertThat(Double.parseDouble(reach[1])).isBetween(0.0, 1.0);
		for (String tier : List.of("drift.tier0.labelShares", "drift.tier1.labelShares")) {
			String[] shares = calibration.get("parameters").get(tier).asString().split(",");
			assertThat(shares).hasSize(2);
			assertThat(Double.parseDouble(shares[0]) + Double.parseDouble(shares[1])).isCloseTo(1.0, within(1e-5));
		}
		assertThat(calibration.get("curve"))
			.anySatisfy((point) -> assertThat(point.get("threshold").asDouble()).isEqualTo(threshold));

		// activated, compared, rolled back
		assertThat(AdminHttp.json(this.http.get("/api/cascades/sst2-it/active")).get("version").get("version").asInt())
			.isEqualTo(2);
		JsonNode comparison = AdminHttp.json(this.http.get("/api/cascades/sst2-it/compare?from=1&to=2"));
		assertThat(comparison.get("identical").asBoolean()).isFalse();
		assertThat(comparison.get("tiers").get(0).get("changes").toString()).contains("threshold 0.9000 → ");
		assertThat(comparison.get("tiers").get(1).get("changes").toString())
			.contains("intra-op threads model default → " + costs.get(1).get("best").get("threads").asInt());
		assertThat(comparison.get("fromCalibration").isNull()).isTrue();
		assertThat(comparison.get("toCalibration").get("policy").asString()).isEqualTo("accuracy-budget");
		JsonNode rolledBack = AdminHttp
			.json(this.http.postJson("/api/cascades/sst2-it/rollback", "{\"reason\": \"checking rollback\"}"));
		assertThat(rolledBack.get("version").get("version").asInt()).isEqualTo(1);
		JsonNode history = AdminHttp.json(this.http.get("/api/cascades/sst2-it/history"));
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(0).get("action").asString()).isEqualTo("ROLLBACK");
		assertThat(history.get(1).get("actor").asString()).isEqualTo("admin");
		assertThat(history.get(1).get("reason").asString()).isEqualTo("Calibrated by job " + jobId);

		// an evaluation of the calibrated version on all of dev agrees with the tiers
		JsonNode evaluation = this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/evaluate", """
				{"cascade": "sst2-it", "version": 2, "datasetId": %d}""".formatted(dev))).get("result");
		assertThat(evaluation.get("rows").asInt()).isEqualTo(872);
		assertThat(evaluation.get("thresholds").get(0).asDouble()).isEqualTo(threshold);
		assertThat(evaluation.get("tiers").get(1).get("accuracy").asDouble()).isGreaterThan(0.7);
		assertThat(evaluation.get("accuracy").asDouble())
			.isGreaterThan(evaluation.get("tiers").get(0).get("accuracy").asDouble());
		assertThat(evaluation.get("escalation").get(0).asDouble()).isBetween(0.0, 1.0);

		// with a calibration fraction, a held-out part is set aside instead
		JsonNode split = this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/calibrate", """
				{"cascade": "sst2-it", "version": 1, "datasetId": %d, "calibrationFraction": 0.5,
				 "measureCosts": false}""".formatted(dev))).get("result");
		assertThat(split.get("newVersion").asInt()).isEqualTo(3);
		assertThat(split.get("folds").isNull()).isTrue();
		assertThat(split.get("calibrationRows").asInt() + split.get("heldOutRows").asInt()).isEqualTo(872);
		assertThat(split.get("calibrationRows").asInt()).isBetween(430, 442);
		assertThat(split.get("method").asString()).contains("n = " + split.get("calibrationRows"));
		assertThat(split.get("heldOut").get("foldThresholds")).isEmpty();
		assertThat(split.get("heldOut").get("note").asString()).isEqualTo("Measured on the "
				+ split.get("heldOutRows").asInt() + " held-out rows, which the choice of thresholds never saw");
		JsonNode splitParameters = AdminHttp.json(this.http.get("/api/cascades/sst2-it/versions/3/calibrations"))
			.get(0)
			.get("parameters");
		assertThat(splitParameters.get("calibrationFraction").asString()).isEqualTo("0.5");
		assertThat(splitParameters.get("validation").asString())
			.isEqualTo("held-out part of " + split.get("heldOutRows").asInt() + " rows");

		// asked to activate, a calibration leaves its version inactive if somebody made
		// another version active after the job was submitted, whatever the clocks say
		// (here the activating instance's clock is as if an hour behind the submitter's)
		long late = this.jobs.submit("/api/jobs/calibrate", """
				{"cascade": "sst2-it", "version": 1, "datasetId": %d, "activate": true}""".formatted(dev));
		assertThat(this.http.postJson("/api/cascades/sst2-it/activate", "{\"version\": 2, \"reason\": \"operator\"}")
			.statusCode()).isEqualTo(200);
		assertThat(this.jdbc.update("UPDATE active_cascades SET activated_at = activated_at - INTERVAL '1 hour' "
				+ "WHERE cascade_id = (SELECT id FROM cascades WHERE name = 'sst2-it')"))
			.isOne();
		JsonNode lateResult = this.jobs.awaitSuccess(late).get("result");
		assertThat(lateResult.get("newVersion").asInt()).isEqualTo(4);
		assertThat(lateResult.get("activated").asBoolean()).isFalse();
		assertThat(lateResult.get("activationError").asString()).contains("Version 2", "after this job was submitted",
				"version 4 was left inactive");
		assertThat(AdminHttp.json(this.http.get("/api/cascades/sst2-it/active")).get("version").get("version").asInt())
			.isEqualTo(2);

		assertASlowerVersionIsLeftInactive(dev);
	}

	/**
	 * Asked to activate, a calibration leaves its version inactive if it is estimated
	 * slower than its last tier alone: MiniLM before the lexical tier, which costs
	 * microseconds, makes every choice of threshold slower than the lexical tier alone.
	 */
	private void assertASlowerVersionIsLeftInactive(long dev) {
		HttpResponse<String> created = this.http.postJson("/api/cascades/sst2-slower-it/versions", """
				{"tiers": [{"model": "sst2-minilm-it:1", "threshold": 0.9, "batchSize": 16},
				           {"model": "sst2-lexical-it:1", "batchSize": 64}]}""");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		JsonNode result = this.jobs.awaitSuccess(this.jobs.submit("/api/jobs/calibrate", """
				{"cascade": "sst2-slower-it", "datasetId": %d, "measureCosts": false, "activate": true}"""
			.formatted(dev))).get("result");

		double speedup = result.get("heldOut").get("point").get("estimatedSpeedup").asDouble();
		assertThat(speedup).isLessThan(1);
		assertThat(result.get("activated").asBoolean()).isFalse();
		assertThat(result.get("activationError").asString()).contains(
				"the calibrated version 2 is estimated at " + String.format(Locale.ROOT, "%.2fx", speedup),
				"slower than serving that tier alone", "left inactive");
		assertThat(this.http.get("/api/cascades/sst2-slower-it/active").statusCode()).isEqualTo(404);
	}

	@Test
	void degenerateDataIsRefusedOrFailsTheJobReadably() {
		// registry entries whose labels are all that matters: the jobs fail before
		// loading
		String cascade = "degenerate-it";
		BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
		ModelVersion model = this.registry
			.registerModelVersion(new NewModelVersion(cascade + "-model", "lexical-linear",
					Map.of(ArtifactRole.HEAD, new ArtifactRef(encoder.tokenizerUri(), encoder.tokenizerSha256())),
					Label.of(List.of("0", "1")), 128, null, Map.of(), null, "test"));
		this.registry.createCascadeVersion(new NewCascadeVersion(cascade,
				List.of(new NewTier(model.key(), dev.tango.models.registry.Gate.maxProbability(0.9), 1, 0),
						new NewTier(model.key(), null, 1, 0)),
				null, "test"));
		long splits = this.jobs.upload("degenerate-splits",
				utf8("text\tlabel\tsplit\na\t1\tone\nb\t1\tone\nc\t1\tone\n" + "d\t1\tone\ne\t0\ttwo\nf\t1\ttwo\n"));
		long tiny = this.jobs.upload("degenerate-tiny", utf8("text\tlabel\na\t1\nb\t0\nc\t1\n"));
		long words = this.jobs.upload("degenerate-words", utf8("text\tlabel\na\tpositive\nb\tnegative\n"));

		// what the label counts tell is refused before the job is queued
		assertRefused(cascade, splits, "\"split\": \"one\"",
				"The rows of the data set 'degenerate-splits' (split 'one') carry 1 label: calibration");
		assertRefused(cascade, splits, "\"split\": \"none\"",
				"The data set 'degenerate-splits' has no split 'none'; its splits are [one, two]");
		assertRefused(cascade, tiny, null,
				"has 3 rows: calibration (at least 2 rows to choose on and 2 to report on) needs at least 4");
		assertRefused(cascade, words, null, "labels the cascade does not know: [negative, positive]");
		assertRefused(cascade, splits, "\"calibrationFraction\": 0.95, \"split\": \"two\"", "has 2 rows");
		// the folds and parts are dealt from the label counts as the job deals the rows
		assertRefused(cascade, splits, null, "The data set 'degenerate-splits' has 6 rows: 10-fold cross-fitting "
				+ "needs at least 10, one per fold; ask for fewer folds");
		assertRefused(cascade, splits, "\"calibrationFraction\": 0.05",
				"Splitting 6 rows at 0.05 leaves 0 rows to calibrate on and 6 to report on; each part needs at least 2");
		assertRefused(cascade, splits, "\"calibrationFraction\": 0.9",
				"Splitting 6 rows at 0.9 leaves 6 rows to calibrate on and 0 to report on");
		this.registry.createCascadeVersion(new NewCascadeVersion(cascade + "-single",
				List.of(new NewTier(model.key(), null, 1, 0)), null, "test"));
		assertRefused(cascade + "-single", splits, "\"folds\": 2",
				"Cascade degenerate-it-single version 1 has a single tier: there is no threshold to calibrate");
		assertThat(this.http.get("/api/jobs?limit=1000").body()).as("nothing was queued").doesNotContain(cascade);

		HttpResponse<String> badPolicy = this.http.postJson("/api/jobs/calibrate", """
				{"cascade": "%s", "datasetId": %d, "policy": {"name": "escalation-budget"}}""".formatted(cascade,
				tiny));
		assertThat(badPolicy.statusCode()).as(badPolicy.body()).isEqualTo(400);
		assertThat(AdminHttp.json(badPolicy).get("detail").asString()).contains("maxEscalation");
		HttpResponse<String> both = this.http.postJson("/api/jobs/calibrate", """
				{"cascade": "%s", "datasetId": %d, "calibrationFraction": 0.5, "folds": 5}""".formatted(cascade, tiny));
		assertThat(both.statusCode()).as(both.body()).isEqualTo(400);
		assertThat(AdminHttp.json(both).get("detail").asString()).contains("not both");
		assertThat(this.http.postJson("/api/jobs/calibrate", """
				{"cascade": "%s", "datasetId": %d, "folds": 1}""".formatted(cascade, tiny)).statusCode())
			.isEqualTo(400);
		HttpResponse<String> missingCascade = this.http.postJson("/api/jobs/calibrate", """
				{"cascade": "no-such-cascade", "datasetId": %d}""".formatted(tiny));
		assertThat(missingCascade.statusCode()).as(missingCascade.body()).isEqualTo(400);
		assertThat(AdminHttp.json(missingCascade).get("detail").asString()).contains("no-such-cascade");
		HttpResponse<String> missingData = this.http.postJson("/api/jobs/calibrate", """
				{"cascade": "%s", "datasetId": 987654}""".formatted(cascade));
		assertThat(missingData.statusCode()).as(missingData.body()).isEqualTo(400);
		assertThat(AdminHttp.json(missingData).get("detail").asString()).contains("No data set 987654");
	}

	private void assertRefused(String cascade, long dataset, String extra, String detail) {
		HttpResponse<String> refused = this.http.postJson("/api/jobs/calibrate", body(cascade, dataset, extra));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(AdminHttp.json(refused).get("detail").asString()).contains(detail);
	}

	private static String body(String cascade, long dataset, String extra) {
		return "{\"cascade\": \"" + cascade + "\", \"datasetId\": " + dataset + ((extra != null) ? ", " + extra : "")
				+ "}";
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
