package dev.tango.admin.drift;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInBrowser;
import dev.tango.admin.testing.SignedInPageTests;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.drift.DriftMonitor;
import dev.tango.core.drift.DriftReference;
import dev.tango.core.drift.DriftSettings;
import dev.tango.core.drift.DriftStatus;
import dev.tango.models.drift.DriftParameters;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.registry.RegistryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cascade page's drift panel in a headless Chromium ({@link SignedInBrowser}) and
 * {@code GET /api/cascades/{cascade}/drift}, over PostgreSQL: the drift reports an API
 * instance writes (here from a {@link DriftMonitor} fed answers whose escalation rose
 * from 40% to 90%) show as an alarm on the escalation row; beside a second instance whose
 * escalation stayed, the version's verdict alarms on that stream, names the instance,
 * sums the answers and weights the live rates by them; a stale instance's alarm does not
 * count; without reports the panel says so.
 */
@AdminIntegrationTest
@ArtifactRoot("drift-page-it")
@TestPropertySource(properties = "tango.registry.seed=" + RegistryProperties.DEFAULT_SEED)
class DriftPageIT extends SignedInPageTests {

	static final String CASCADE = "drift-page";

	static final Path ROOT = ArtifactDirectories.root("drift-page-it");

	@Autowired
	DriftReports reports;

	@Test
	void thePanelShowsTheAlarmOfAnInstanceWhoseEscalationRose() throws IOException {
		ModelVersion lexical = lexical();
		this.registry.createCascadeVersion(new NewCascadeVersion(CASCADE,
				List.of(new NewTier(lexical.key(), new Gate(0.9, ConfidenceMeasure.MAX_PROBABILITY, 1.0), 32, 2),
						new NewTier(lexical.key(), null, 32, 2)),
				"drift page", "test"));

		this.browser.pages().visit("/ui/cascades/" + CASCADE);
		assertThat(this.browser.pages().browser().findElement(By.id("drift")).getText())
			.contains("No API instance reports watching a version of this cascade for drift");

		DriftMonitor monitor = new DriftMonitor(
				new DriftReference(List.of(1.0, 0.4), List.of(List.of(0.6, 0.4), List.of(0.5, 0.5))), List.of("0", "1"),
				DriftSettings.DEFAULT);
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 400; i++) {
			boolean escalated = random.nextDouble() < 0.9;
			monitor.observe(escalated ? 1 : 0, (random.nextDouble() < (escalated ? 0.5 : 0.4)) ? 1 : 0);
		}
		List<DriftStatus> statuses = monitor.statuses();
		assertThat(statuses.get(0).alarm()).isTrue();
		this.reports.save("api-a:1", CASCADE, 1, statuses, Instant.now());
		DriftMonitor steady = new DriftMonitor(
				new DriftReference(List.of(1.0, 0.4), List.of(List.of(0.6, 0.4), List.of(0.5, 0.5))), List.of("0", "1"),
				DriftSettings.DEFAULT);
		for (int i = 0; i < 200; i++) {
			steady.observe((i % 5 < 2) ? 1 : 0, (i % 2 == 0) ? 1 : 0);
		}
		List<DriftStatus> steadyStatuses = steady.statuses();
		assertThat(steadyStatuses).noneMatch(DriftStatus::alarm);
		this.reports.save("api-b:2", CASCADE, 1, steadyStatuses, Instant.now());
		double pooled = (statuses.get(0).live() * 400 + steadyStatuses.get(0).live() * 200) / 600;

		this.browser.pages().visit("/ui/cascades/" + CASCADE);
		WebElement panel = this.browser.pages().browser().findElement(By.id("drift"));
		assertThat(panel.getAttribute("data-alarm")).isEqualTo("true");
		assertThat(panel.findElement(By.className("summary")).getText())
			.isEqualTo("Alarm: live traffic has left what calibration measured.");
		assertThat(panel.findElements(By.tagName("h3"))).extracting(WebElement::getText)
			.containsExactly("Version 1 over its instances", "Version 1 on api-a:1", "Version 1 on api-b:2");
		this.browser.pages().screenshot("drift-alarm", panel);
		List<WebElement> verdicts = panel.findElements(By.cssSelector("table.drift-version tbody tr"));
		assertThat(verdicts).hasSize(5);
		assertThat(verdicts.get(0).getAttribute("class")).contains("alarm");
		assertThat(verdicts.get(0).findElement(By.className("state")).getText()).isEqualTo("alarm on api-a:1 (rise)");
		assertThat(verdicts.get(0).findElement(By.className("observations")).getText()).isEqualTo("600");
		assertThat(verdicts.get(0).findElement(By.className("live")).getText())
			.isEqualTo(String.format(Locale.ROOT, "%.1f%%", 100 * pooled));
		assertThat(verdicts.subList(1, 5))
			.allSatisfy((row) -> assertThat(row.getAttribute("data-alarm")).isEqualTo("false"));
		List<WebElement> rows = panel.findElements(By.cssSelector("table.drift[data-instance='api-a:1'] tbody tr"));
		assertThat(rows).hasSize(5);
		WebElement escalation = rows.get(0);
		assertThat(escalation.getAttribute("class")).contains("alarm");
		assertThat(escalation.findElement(By.className("reference")).getText()).isEqualTo("40.0%");
		assertThat(escalation.findElement(By.className("state")).getText()).isEqualTo("alarm (rise)");
		assertThat(escalation.getText()).contains("escalation", "400");
		assertThat(rows.subList(1, 5))
			.allSatisfy((row) -> assertThat(row.getAttribute("data-alarm")).isEqualTo("false"));
		assertThat(rows.get(1).getText()).contains("label 0");

		JsonNode drift = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/drift"));
		assertThat(drift.get("alarm").asBoolean()).isTrue();
		JsonNode instance = drift.get("versions").get(0).get("instances").get(0);
		assertThat(instance.get("instance").asString()).isEqualTo("api-a:1");
		assertThat(instance.get("stale").asBoolean()).isFalse();
		assertThat(instance.get("streams")).hasSize(5);
		assertThat(instance.get("streams").get(0).get("kind").asString()).isEqualTo("ESCALATION");
		assertThat(instance.get("streams").get(0).get("alarm").asBoolean()).isTrue();
		assertThat(instance.get("streams").get(0).get("statistic").asDouble()).isEqualTo(statuses.get(0).statistic(),
				within(1e-9));
		JsonNode verdict = drift.get("versions").get(0).get("streams").get(0);
		assertThat(verdict.get("alarm").asBoolean()).isTrue();
		assertThat(verdict.get("alarms")).hasSize(1);
		assertThat(verdict.get("alarms").get(0).get("instance").asString()).isEqualTo("api-a:1");
		assertThat(verdict.get("alarms").get(0).get("direction").asString()).isEqualTo("RISE");
		assertThat(verdict.get("observations").asLong()).isEqualTo(600);
		assertThat(verdict.get("instances").asInt()).isEqualTo(2);
		assertThat(verdict.get("live").asDouble()).isEqualTo(pooled, within(1e-9));
		assertThat(verdict.has("statistic")).as("CUSUM statistics are not added across instances").isFalse();

		// The same report, not renewed: the instance is gone, its alarm no longer counts.
		this.reports.save("api-a:1", CASCADE, 1, statuses, Instant.now().minusSeconds(600));
		JsonNode withStale = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/drift"));
		assertThat(withStale.get("alarm").asBoolean()).isFalse();
		JsonNode steadyVerdict = withStale.get("versions").get(0).get("streams").get(0);
		assertThat(steadyVerdict.get("alarm").asBoolean()).isFalse();
		assertThat(steadyVerdict.get("observations").asLong()).as("the stale instance's answers left out")
			.isEqualTo(200);
		this.browser.pages().visit("/ui/cascades/" + CASCADE);
		assertThat(this.browser.pages().browser().findElement(By.className("drift-instance")).getText())
			.contains("(stale)");

		// An instance whose stream has seen nothing yet: its live rate is missing, not
		// "NaN".
		this.reports.save("api-c:3", CASCADE, 1, List.of(new DriftStatus(DriftStatus.Kind.ESCALATION, 0, null, 0.4,
				Double.NaN, 5, 0, statuses.get(0).threshold(), false, DriftStatus.Direction.NONE)), Instant.now());
		JsonNode withIdle = AdminHttp.json(this.http.get("/api/cascades/" + CASCADE + "/drift"));
		JsonNode idle = withIdle.get("versions")
			.get(0)
			.get("instances")
			.valueStream()
			.filter((each) -> each.get("instance").asString().equals("api-c:3"))
			.findFirst()
			.orElseThrow();
		assertThat(idle.get("streams").get(0).get("live").isNull()).as(idle.toString()).isTrue();
		this.browser.pages().visit("/ui/cascades/" + CASCADE);
		assertThat(this.browser.pages().browser().getPageSource()).contains("api-c:3").doesNotContain("NaN%");
		this.reports.deleteAll("api-c:3");

		HttpResponse<String> unknown = this.http.get("/api/cascades/no-such-cascade/drift");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		this.reports.deleteAll("api-a:1");
		this.reports.deleteAll("api-b:2");
	}

	@Test
	void theSeededBundledCascadeShowsTheCalibrationItsDescriptorRecords() {
		// as the seeder stored it from the descriptor (DriftIT checks that against the
		// file)
		CalibrationResult seeded = this.registry.listCalibrations("sst2-sentiment", 1).get(0);
		this.browser.pages().visit("/ui/cascades/sst2-sentiment");
		assertThat(this.browser.pages().browser().findElement(By.cssSelector("#calibration p")).getText())
			.isEqualTo("Version 1: accuracy-budget on ../shared/data/sst2/dev.tsv, 1 thresholds of the first gate; "
					+ "chosen " + String.format(Locale.ROOT, "%.4f", seeded.curve().get(0).threshold()) + ".");
		assertThat(this.browser.pages().browser().findElement(By.id("calibration")).getAttribute("textContent"))
			.contains(DriftParameters.ESCALATION, seeded.parameters().get(DriftParameters.ESCALATION),
					DriftParameters.labelShares(1), seeded.parameters().get(DriftParameters.labelShares(1)));
		assertThat(this.browser.pages().browser().findElement(By.id("drift")).getAttribute("data-alarm"))
			.isEqualTo("false");
	}

	private ModelVersion lexical() throws IOException {
		Path head = Files.createDirectories(ROOT.resolve("heads")).resolve("sst2-lexical.json");
		try (InputStream in = getClass().getResourceAsStream("/tango/cascades/sst2-sentiment/sst2-lexical.head.json")) {
			Files.copy(in, head, StandardCopyOption.REPLACE_EXISTING);
		}
		return LexicalHeads.register(this.registry, "drift-page-lexical", head);
	}

}
