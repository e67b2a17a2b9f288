package dev.tango.admin.calibration;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.encoder.BundledEncoder;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs that copy a cascade version's gates into a new version (a calibration that keeps
 * the temperatures, a fine-tune that extends the cascade) are refused when they are
 * submitted, not when they register the new version at their end, if a gate's temperature
 * lies outside the range the registry takes: a version made before the registry bounded
 * temperatures, written here straight into its tables. Over real HTTP against PostgreSQL;
 * the worker is off, so accepted jobs stay queued.
 */
@AdminIntegrationTest
@TestPropertySource(properties = "tango.admin.jobs.enabled=false")
class CopiedGateTemperatureIT extends SignedInClientTests {

	@Autowired
	JdbcTemplate jdbc;

	String cascade;

	long dataset;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM admin_jobs");
		this.cascade = "temperature-it-" + UUID.randomUUID();
		BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
		// a registry entry whose labels are all that matter here: no job gets to load it
		ModelVersion model = this.registry
			.registerModelVersion(new NewModelVersion(this.cascade + "-model", "lexical-linear",
					Map.of(ArtifactRole.HEAD, new ArtifactRef(encoder.tokenizerUri(), encoder.tokenizerSha256())),
					Label.of(List.of("0", "1")), 128, null, Map.of(), null, "test"));
		this.registry.createCascadeVersion(new NewCascadeVersion(this.cascade,
				List.of(new NewTier(model.key(), Gate.maxProbability(0.9), 1, 0), new NewTier(model.key(), null, 1, 0)),
				null, "test"));
		copyWithTemperature(25.0);
		StringBuilder file = new StringBuilder("text\tlabel\n");
		for (int i = 0; i < 40; i++) {
			file.append("text ").append(i).append('\t').append(i % 2).append('\n');
		}
		this.dataset = this.jobs.upload(this.cascade, file.toString().getBytes(StandardCharsets.UTF_8));
	}

	@AfterEach
	void tearDown() {
		this.jdbc.update("DELETE FROM admin_jobs");
	}

	@Test
	void aCalibrationThatKeepsAGateOutOfRangeIsRefusedThroughEitherDoor() {
		String body = "{\"cascade\": \"" + this.cascade + "\", \"version\": 2, \"datasetId\": " + this.dataset + "}";
		for (HttpResponse<String> refused : List.of(this.http.postJson("/api/jobs/calibrate", body),
				this.http.postJson("/api/jobs?kind=CALIBRATE", body))) {
			assertProblem(refused, 400, "invalid-request",
					"The gate after tier 0 (" + this.cascade + "-model:1) of cascade '" + this.cascade
							+ "' version 2 has temperature 25.0, outside 0.05 to 20.0",
					"\"temperatureScaling\": true", "POST /api/cascades/" + this.cascade + "/versions");
		}
		String defaultVersion = "{\"cascade\": \"" + this.cascade + "\", \"datasetId\": " + this.dataset + "}";
		assertProblem(this.http.postJson("/api/jobs/calibrate", defaultVersion), 400, "invalid-request",
				"version 2 has temperature 25.0");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM admin_jobs", Integer.class)).isZero();

		this.jobs.submit("/api/jobs/calibrate", body.replace("}", ", \"temperatureScaling\": true}"));
		this.jobs.submit("/api/jobs/calibrate", body.replace("\"version\": 2", "\"version\": 1"));
	}

	@Test
	void aFineTuneThatWouldExtendAVersionWithAGateOutOfRangeIsRefused() {
		String body = "{\"model\": \"m\", \"datasetId\": " + this.dataset + ", \"encoder\": \"all-minilm-l6-v2\", "
				+ "\"cascade\": {\"name\": \"" + this.cascade + "\", \"version\": 2, \"datasetId\": " + this.dataset
				+ "}}";
		for (HttpResponse<String> refused : List.of(this.http.postJson("/api/jobs/fine-tune", body),
				this.http.postJson("/api/jobs?kind=FINE_TUNE", body))) {
			assertProblem(refused, 400, "invalid-request", "cascade: The gate after tier 0", "temperature 25.0",
					"name it in cascade.version");
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM admin_jobs", Integer.class)).isZero();

		this.jobs.submit("/api/jobs/fine-tune", body.replace("\"version\": 2", "\"version\": 1"));
	}

	@Test
	void jobsThatCopyNoGateAreNotConcerned() {
		this.jobs.submit("/api/jobs/evaluate",
				"{\"cascade\": \"" + this.cascade + "\", \"version\": 2, \"datasetId\": " + this.dataset + "}");
		this.jobs.submit("/api/jobs/distil", "{\"model\": \"m\", \"teacherCascade\": \"" + this.cascade
				+ "\", \"teacherVersion\": 2, \"datasetId\": " + this.dataset + "}");
	}

	/**
	 * Writes version 2 of the cascade as a copy of version 1 whose gates have a
	 * temperature the registry no longer takes, as a version made before it bounded them.
	 */
	private void copyWithTemperature(double temperature) {
		long source = this.jdbc.queryForObject("SELECT v.id FROM cascade_versions v JOIN cascades c "
				+ "ON c.id = v.cascade_id WHERE c.name = ? AND v.version_number = 1", Long.class, this.cascade);
		this.jdbc.update(
				"INSERT INTO cascade_versions (cascade_id, version_number, description, created_at, created_by) "
						+ "SELECT cascade_id, 2, 'made by hand', created_at, 'test' FROM cascade_versions WHERE id = ?",
				source);
		long copy = this.jdbc.queryForObject("SELECT id FROM cascade_versions WHERE cascade_id = (SELECT cascade_id "
				+ "FROM cascade_versions WHERE id = ?) AND version_number = 2", Long.class, source);
		this.jdbc.update("INSERT INTO cascade_tiers (cascade_version_id, tier_index, model_version_id, batch_size, "
				+ "max_batch_delay_ms, threshold, confidence_measure, temperature, intra_op_threads) SELECT ?, tier_index, "
				+ "model_version_id, batch_size, max_batch_delay_ms, threshold, confidence_measure, "
				+ "CASE WHEN threshold IS NULL THEN NULL ELSE ? END, intra_op_threads FROM cascade_tiers "
				+ "WHERE cascade_version_id = ?", copy, temperature, source);
	}

}
