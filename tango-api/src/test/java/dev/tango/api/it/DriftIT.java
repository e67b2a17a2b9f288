package dev.tango.api.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.api.testsupport.BundledCascadeIT;
import dev.tango.core.drift.DriftReference;
import dev.tango.models.drift.DriftParameters;
import dev.tango.models.drift.DriftReport;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The drift watch end to end: the service over PostgreSQL seeds the bundled SST-2 cascade
 * (whose descriptor records the drift reference), is sent SST-2 dev, the data its
 * threshold was calibrated on, over real HTTP, and raises no alarm; then Banking77 dev
 * questions, traffic the cascade was never meant for, and raises one: in the health
 * detail {@code drift} (the service staying UP and ready), the {@code tango_drift_*}
 * gauges on {@code /actuator/prometheus}, and the instance's drift reports in the
 * registry.
 */
@TestPropertySource(properties = "tango.api.drift.report-interval=1s")
class DriftIT extends BundledCascadeIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BATCH = 32;

	@Autowired
	DriftReports reports;

	@Autowired
	MeterRegistry meters;

	@Test
	void calibrationTrafficRaisesNoAlarmAndShiftedTrafficRaisesOne() throws IOException {
		// the reference the bundled descriptor records, as the seeder stored it
		JsonNode chosen = descriptor().get("calibration").get("chosen");
		double threshold = chosen.get("thresholds").get(0).asDouble();
		double reach = chosen.get("reach").get(0).asDouble();
		List<CalibrationResult> calibrations = this.registry.listCalibrations(CASCADE, 1);
		assertThat(calibrations).hasSize(1);
		assertThat(calibrations.get(0).parameters()).containsAllEntriesOf(DriftParameters.encode(reference(chosen)));
		assertThat(calibrations.get(0).curve()).singleElement().satisfies((point) -> {
			assertThat(point.threshold()).isEqualTo(threshold);
			assertThat(point.escalation()).isEqualTo(reach);
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> drift().path("versions").has(CASCADE + ":1"));

		// SST-2 dev: the rows the threshold and the reference came from.
		List<LabelledExample> sst2 = dataset("sst2").examples();
		classify(sst2);
		JsonNode calm = drift().get("versions").get(CASCADE + ":1");
		assertThat(calm.get("answers").asLong()).isEqualTo(sst2.size());
		assertThat(calm.get("alarm").asBoolean()).as(calm.toString()).isFalse();
		// the gauges read the snapshot the reporter takes each second, not the monitor
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(gauge("tango.drift.live.rate", "escalation", "")).isCloseTo(reach, within(0.01)));
		assertThat(gauge("tango.drift.alarm", "escalation", "")).isZero();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(reports())
				.allSatisfy((report) -> assertThat(report.status().observations()).isPositive())
				.noneMatch((report) -> report.status().alarm()));

		// Banking77: questions to a bank, no sentiment to speak of. The first tier is
		// less
		// sure of them, so more escalate; the last tier's label mix may alarm first.
		List<LabelledExample> banking = dataset("banking77").examples();
		int sent = 0;
		while (!escalationAlarm()) {
			assertThat(sent).as("Banking77 questions sent before the alarm").isLessThan(banking.size());
			classify(banking.subList(sent, Math.min(sent + BATCH, banking.size())));
			sent += BATCH;
		}
		JsonNode health = get("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode detail = health.get("components").get("drift");
		assertThat(detail.get("status").asString()).isEqualTo("UP");
		assertThat(detail.get("details").get("alarm").asBoolean()).isTrue();
		JsonNode alarms = detail.get("details").get("versions").get(CASCADE + ":1").get("alarms");
		assertThat(alarms).anySatisfy((alarm) -> {
			assertThat(alarm.get("stream").asString()).isEqualTo("escalation");
			assertThat(alarm.get("tier").asInt()).isZero();
			assertThat(alarm.get("direction").asString()).isEqualTo("rise");
			assertThat(alarm.get("live").asDouble()).isGreaterThan(alarm.get("reference").asDouble());
		});
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		String scrape = text("/actuator/prometheus");
		assertThat(scrape).containsPattern("tango_drift_alarm\\{[^}]*cascade=\"sst2-sentiment\"[^}]*\\} 1\\.0")
			.contains("tango_drift_statistic{", "tango_drift_threshold{", "tango_drift_live_rate{",
					"tango_drift_reference_rate{");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(reports()).anyMatch((report) -> report.status().alarm()));
		System.out.printf("Drift alarm after %d Banking77 questions: %s%n", sent, alarms);
	}

	private static JsonNode descriptor() throws IOException {
		try (InputStream in = DriftIT.class.getResourceAsStream("/tango/cascades/" + CASCADE + "/cascade.json")) {
			return JSON.readTree(in);
		}
	}

	/** The drift reference a descriptor's chosen point records. */
	static DriftReference reference(JsonNode chosen) {
		List<List<Double>> shares = chosen.get("labelShares")
			.valueStream()
			.map((tier) -> tier.valueStream().map(JsonNode::asDouble).toList())
			.toList();
		return new DriftReference(List.of(1.0, chosen.get("reach").get(0).asDouble()), shares);
	}

	private List<DriftReport> reports() {
		return this.reports.find(CASCADE);
	}

	private double gauge(String name, String stream, String label) {
		return this.meters.find(name)
			.tags("cascade", CASCADE, "version", "1", "tier", "0", "stream", stream, "label", label)
			.gauges()
			.stream()
			.mapToDouble(Gauge::value)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no gauge " + name));
	}

	private static LabelledDataset dataset(String name) throws IOException {
		return LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", name, "dev.tsv"));
	}

	private void classify(List<LabelledExample> examples) {
		for (int from = 0; from < examples.size(); from += BATCH) {
			List<String> texts = examples.subList(from, Math.min(from + BATCH, examples.size()))
				.stream()
				.map((example) -> example.input().text())
				.toList();
			HttpResponse<String> response = service().classify(texts);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
	}

	private boolean escalationAlarm() {
		JsonNode version = drift().get("versions").get(CASCADE + ":1");
		return version.get("alarm").asBoolean() && version.path("alarms")
			.valueStream()
			.anyMatch((alarm) -> "escalation".equals(alarm.get("stream").asString()));
	}

	private JsonNode drift() {
		return get("/actuator/health").get("components").get("drift").get("details");
	}

	private JsonNode get(String path) {
		return JSON.readTree(text(path));
	}

	private String text(String path) {
		return service().get(path).body();
	}

	private int status(String path) {
		return service().get(path).statusCode();
	}

}
