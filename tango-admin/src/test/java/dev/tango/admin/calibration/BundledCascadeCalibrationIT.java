package dev.tango.admin.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.AdminJobs;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.Sst2;
import dev.tango.models.registry.RegistryProperties;
import dev.tango.models.seed.CascadeSeeder;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full calibration of the bundled cascade over real HTTP, real PostgreSQL and real ONNX
 * models: {@code sst2-sentiment} (a distilled lexical student, then bge-small fine-tuned
 * in int8; labels 0/1 shown as negative/positive), seeded from its bundled descriptor as
 * tango-api seeds it, calibrated once on all of {@code sst2/dev.tsv} with an accuracy
 * budget of half a point. Every row chooses the threshold; the report is cross-fitted
 * over ten folds, each row scored with the threshold chosen without it.
 */
@AdminIntegrationTest
@ArtifactRoot("bundled-calibration-it")
@PromptJobs
@TestPropertySource(properties = { "tango.registry.seed=" + RegistryProperties.DEFAULT_SEED })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundledCascadeCalibrationIT {

	static final String CASCADE = "sst2-sentiment";

	@LocalServerPort
	int port;

	AdminHttp http;

	JsonNode seeded;

	List<Double> progress = new ArrayList<>();

	JsonNode result;

	@BeforeAll
	void calibrate() throws IOException {
		this.http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		AdminJobs jobs = new AdminJobs(this.http);
		this.seeded = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/active"));
		long dev = jobs.upload("sst2-dev", Files.readAllBytes(Sst2.DEV));
		long job = jobs.submit("/api/jobs/calibrate", """
				{"cascade": "%s", "datasetId": %d, "policy": {"name": "accuracy-budget", "maxDrop": 0.005},
				 "batchSizes": [8, 32], "threadCounts": [1, 2], "costSample": 64}""".formatted(CASCADE, dev));
		this.result = jobs.awaitSuccess(job, this.progress).get("result");
	}

	@Test
	void theBundledCascadeIsSeededWithItsDescriptorsSettings() {
		assertThat(this.seeded.get("activatedBy").asString()).isEqualTo(CascadeSeeder.ACTOR);
		assertThat(this.seeded.get("version").get("version").asInt()).isEqualTo(1);
		JsonNode tiers = this.seeded.get("version").get("tiers");
		assertThat(tiers).extracting((tier) -> tier.get("model").get("kind").asString())
			.containsExactly("lexical-linear", "encoder-linear");
		assertThat(tiers.get(1)
			.get("model")
			.get("labels")
			.valueStream()
			.map((label) -> label.get("displayName").asString()))
			.as("answered by display name, calibrated on SST-2's 0/1 rows by identifier")
			.containsExactly("negative", "positive");
	}

	@Test
	void calibratesIntoANewVersionWithTheChosenThresholdAndTheMeasuredSettings() throws IOException {
		assertThat(this.progress).isSorted();
		assertThat(this.progress.get(this.progress.size() - 1)).isEqualTo(100.0);
		assertThat(this.result.get("sourceVersion").asInt()).isEqualTo(1);
		assertThat(this.result.get("newVersion").asInt()).isEqualTo(2);
		assertThat(this.result.get("activated").asBoolean()).isFalse();
		assertThat(this.result.get("dataset").get("sha256").asString()).isEqualTo(Sha256.of(Sst2.DEV));
		assertThat(this.result.get("constraintMet").asBoolean()).isTrue();

		// the threshold was chosen on every row and reported out of fold
		assertThat(this.result.get("calibrationRows").asInt()).isEqualTo(872);
		assertThat(this.result.get("heldOutRows").asInt()).isEqualTo(872);
		assertThat(this.result.get("folds").asInt()).isEqualTo(10);
		assertThat(this.result.get("parameters").get("confidenceLevel").asString()).isEqualTo("0.9");
		assertThat(this.result.get("method").asString()).contains("accuracy drop", "90% upper confidence bound",
				"n = 872");
		assertThat(this.result.get("heldOut").get("note").asString())
			.startsWith("Cross-fitted over 10 folds of the 872 rows: each row was scored with thresholds chosen by "
					+ "the same policy on the other 9 folds, without it.");
		assertThat(this.result.get("heldOut").get("foldThresholds")).hasSize(10)
			.allSatisfy((fold) -> assertThat(fold.get(0).asDouble()).isBetween(0.5, 1.0));
		double threshold = this.result.get("thresholds").get(0).asDouble();
		assertThat(threshold).isBetween(0.5, 1.0);

		// each tier's cheapest batch size and thread count, measured on this host
		JsonNode costs = this.result.get("costs");
		assertThat(costs.size()).isEqualTo(2);
		for (int k = 0; k < costs.size(); k++) {
			JsonNode cost = costs.get(k);
			// the lexical tier 1 runs no ONNX Runtime: it is measured at each batch size
			// only
			boolean onnx = k == 1;
			assertThat(cost.get("settings").size()).isEqualTo(onnx ? 4 : 2);
			assertThat(cost.get("best").path("threads").asInt(0)).isIn(onnx ? List.of(1, 2) : List.of(0));
			for (JsonNode setting : cost.get("settings")) {
				assertThat(cost.get("best").get("nanosPerInput").asDouble())
					.isLessThanOrEqualTo(setting.get("nanosPerInput").asDouble());
			}
		}

		// the new version: the chosen threshold, the measured batch sizes and threads
		JsonNode tiers = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/versions/2")).get("tiers");
		assertThat(tiers.get(0).get("gate").get("threshold").asDouble()).isEqualTo(threshold);
		assertThat(tiers.get(1).get("gate").isNull()).isTrue();
		for (int k = 0; k < 2; k++) {
			JsonNode model = tiers.get(k).get("model");
			JsonNode best = costs.get(k).get("best");
			assertThat(model.get("model").asString() + ":" + model.get("version").asInt())
				.isEqualTo(costs.get(k).get("name").asString());
			assertThat(tiers.get(k).get("batchSize").asInt()).isEqualTo(best.get("batchSize").asInt());
			assertThat(tiers.get(k).path("intraOpThreads").asInt(0)).isEqualTo(best.path("threads").asInt(0));
		}
		JsonNode parameters = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/versions/2/calibrations"))
			.get(0)
			.get("parameters");
		assertThat(parameters.get("tier1.threads").asString())
			.isEqualTo(costs.get(1).get("best").get("threads").asString());
		assertThat(parameters.get("heldOutRows").asInt()).isEqualTo(872);
		assertThat(parameters.get("validation").asString()).isEqualTo("10-fold cross-fitting");
		assertThat(parameters.get("folds").asString()).isEqualTo("10");
		assertThat(AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/active"))
			.get("version")
			.get("version")
			.asInt()).as("not activated").isEqualTo(1);
	}

	/**
	 * The bundled descriptor's threshold was chosen by the bench's {@code calibrate} on
	 * the same rows with the same policy (see the cascade's PROVENANCE.md): both doors
	 * run the core's calibration pipeline over the same scores, so they choose the same
	 * threshold. With two tiers the choice does not depend on the measured costs, only on
	 * their order.
	 */
	@Test
	void theJobChoosesTheThresholdTheBenchChoseForTheBundledDescriptor() throws IOException {
		JsonNode descriptor;
		try (InputStream in = getClass().getResourceAsStream("/tango/cascades/" + CASCADE + "/cascade.json")) {
			descriptor = JsonMapper.builder().build().readTree(in);
		}
		assertThat(descriptor.get("calibration").get("dataSha256").asString()).isEqualTo(Sha256.of(Sst2.DEV));
		assertThat(descriptor.get("calibration").get("confidenceLevel").asDouble())
			.isEqualTo(this.result.get("parameters").get("confidenceLevel").asDouble());
		assertThat(this.result.get("thresholds").get(0).asDouble())
			.isEqualTo(descriptor.get("tiers").get(0).get("threshold").asDouble());
	}

	@Test
	void theNewVersionIsWithinHalfAPointOfItsLastTierOnRowsTheChoiceDidNotSee() {
		JsonNode heldOut = this.result.get("heldOut");
		double accuracy = heldOut.get("point").get("accuracy").asDouble();
		double lastTier = heldOut.get("tierAccuracies").get(1).asDouble();
		assertThat(heldOut.get("point").get("lastTierAccuracy").asDouble()).isEqualTo(lastTier);
		assertThat(accuracy).isGreaterThanOrEqualTo(lastTier - 0.005);
		// and the first tier still answers a good share of the inputs
		assertThat(heldOut.get("point").get("escalation").get(0).asDouble()).isLessThan(0.8);
	}

}
