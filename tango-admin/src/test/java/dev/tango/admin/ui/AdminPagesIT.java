package dev.tango.admin.ui;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactDirectories;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.SignedInBrowser;
import dev.tango.admin.testing.SignedInPageTests;
import dev.tango.admin.testing.Sst2;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.ServingReports;
import dev.tango.models.serving.ServingTraffic;
import dev.tango.models.serving.VersionTraffic;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.LexicalSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages in a headless Chromium ({@link SignedInBrowser}): a
 * calibration started from the cascade's page, its live progress, the curve of the new
 * version, then rollback and activation by button; how the API instances serve a cascade.
 */
@AdminIntegrationTest
@ArtifactRoot("pages-it")
@PromptJobs
class AdminPagesIT extends SignedInPageTests {

	static final String CASCADE = "pages-it";

	static final Path ROOT = ArtifactDirectories.root("pages-it");

	@Autowired
	ServingReports servingReports;

	@Autowired
	ServingTraffic servingTraffic;

	@BeforeAll
	static void fitHeads() throws IOException {
		Path directory = Files.createDirectories(ROOT);
		LabelledDataset train = LabelledDataset.read(Sst2.TRAIN).slice(0, 3000);
		FitSettings settings = FitSettings.defaults().withL2Grid(List.of(1e-3, 1e-4));
		HeadFitter fitter = HeadFitter.withDefaults();
		HeadFiles.write(
				fitter.fitLexicalHead(train.slice(0, 300), LexicalSpec.defaults().withBucketBits(10), settings).head(),
				directory.resolve("small.json"));
		HeadFiles.write(fitter.fitLexicalHead(train, LexicalSpec.defaults(), settings).head(),
				directory.resolve("large.json"));
	}

	@Test
	void calibrateWatchTheProgressAndSwitchVersions() throws IOException {
		ModelVersion small = LexicalHeads.register(this.registry, "pages-small", ROOT.resolve("small.json"));
		ModelVersion large = LexicalHeads.register(this.registry, "pages-large", ROOT.resolve("large.json"));
		this.registry.createCascadeVersion(
				new NewCascadeVersion(CASCADE, List.of(new NewTier(small.key(), Gate.maxProbability(0.95), 64, 0),
						new NewTier(large.key(), null, 64, 0)), "set by hand", "test"));
		this.registry.activate(ActivationRequest.of(CASCADE, 1, "test", null));
		uploadDev("sst2-dev.tsv");

		// the overview lists the cascade with its active version
		this.browser.pages().visit("/");
		WebDriver browser = this.browser.pages().browser();
		WebElement row = browser.findElement(By.xpath("//table[@id='cascades']//tr[td/a='" + CASCADE + "']"));
		assertThat(row.findElement(By.className("active-version")).getText()).isEqualTo("1");
		row.findElement(By.linkText(CASCADE)).click();
		assertThat(browser.findElements(By.cssSelector("#versions ol.tiers .kind"))).extracting(WebElement::getText)
			.as("each tier's model kind, as its tier kind's name")
			.isNotEmpty()
			.containsOnly("lexical-linear");

		// a calibration submitted from the cascade's page
		assertThat(browser.findElements(By.id("curve"))).isEmpty();
		this.browser.pages().calibrate("sst2-dev (872 rows)", "accuracy-budget", "0.01", true);

		// its progress, live on the job's page
		this.browser.pages().followJob(Duration.ofMinutes(3));
		// parameters and result as tables; only Restart would work on a finished job, and
		// not on a succeeded one
		assertThat(browser.findElement(By.cssSelector("#job-parameters tr[data-name='policy.maxDrop'] td")).getText())
			.isEqualTo("0.01");
		assertThat(browser.findElement(By.cssSelector("#job-parameters tr[data-name='cascade'] td")).getText())
			.isEqualTo(CASCADE);
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> "2".equals(this.browser.pages().resultValue("newVersion")));
		assertThat(browser.findElement(By.id("job-result")).getText())
			.contains("each row was scored with thresholds chosen");
		// two lexical tiers cost alike: asked to activate, the job left the version
		// inactive, estimated slower than its last tier alone, and said so
		assertThat(this.browser.pages().resultValue("activated")).isEqualTo("false");
		assertThat(this.browser.pages().resultValue("activationError")).contains("estimated at",
				"slower than serving that tier alone");
		assertThat(browser.findElements(By.cssSelector("pre"))).as("no raw JSON").isEmpty();
		assertThat(browser.findElement(By.id("cancel")).isEnabled()).isFalse();
		assertThat(browser.findElement(By.id("restart")).isEnabled()).isFalse();
		this.browser.pages().screenshot("job");

		// the new version, active, with its curve: accuracy, escalation and speedup on
		// their own axes, the values at a threshold shown on hover; its live numbers as
		// an
		// API instance reports them
		this.servingReports.save(new ServingReport("api-1:4711", CASCADE, 2, 2, "SERVING", null, Instant.now()));
		this.servingTraffic.save(new VersionTraffic("api-1:4711", CASCADE, 2, 1240, 0, 3, 2480, List.of(2480L, 412L),
				41.3, new VersionTraffic.Window(620, List.of(620L, 186L), 60), 6.2, 18.5, 31.0, Instant.now()));
		browser.findElement(By.id("new-version")).click();
		this.browser.pages().assertCurve(20);
		assertThat(this.browser.pages().activeVersion()).isEqualTo("1");
		browser.findElement(By.cssSelector("tr[data-version='2'] button.activate")).click();
		this.browser.pages().confirm("its accuracy is worth the cost");
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> "2".equals(this.browser.pages().activeVersion()));
		List<WebElement> columns = browser.findElements(By.cssSelector("#curve .hover-point"));
		WebElement column = columns.get(columns.size() / 2);
		new Actions(browser).moveToElement(column).perform();
		this.browser.pages()
			.waitFor(Duration.ofSeconds(5))
			.until((driver) -> driver.findElement(By.id("curve-readout"))
				.getText()
				.startsWith("threshold " + column.getAttribute("data-threshold") + ": accuracy "
						+ column.getAttribute("data-accuracy") + "%, " + column.getAttribute("data-escalation")
						+ "% escalated, speedup " + column.getAttribute("data-speedup") + "x"));
		this.browser.pages().screenshot("cascade");
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
				browser.findElement(By.xpath("//h2[text()='Live numbers']")));
		assertThat(browser.findElement(By.cssSelector("#live-numbers tr[data-version='2'] .counts")).getText())
			.isEqualTo("1240 · 2480 · 0 · 3");
		this.browser.pages().screenshot("live-numbers");
		this.servingTraffic.deleteAll("api-1:4711");
		this.servingReports.deleteAll("api-1:4711");

		// roll back through the dialog: cancelling it changes nothing, confirming it
		// records the reason
		WebElement rollback = browser.findElement(By.id("rollback"));
		assertThat(rollback.isEnabled()).isTrue();
		rollback.click();
		WebElement dialog = browser.findElement(By.id("confirm-dialog"));
		assertThat(dialog.findElement(By.id("confirm-title")).getText())
			.isEqualTo("Roll " + CASCADE + " back to version 1?");
		this.browser.pages().screenshot("confirm");
		dialog.findElement(By.cssSelector("button[value=cancel]")).click();
		assertThat(browser.findElements(By.cssSelector("#confirm-dialog[open]"))).isEmpty();
		assertThat(this.registry.history(CASCADE)).hasSize(2);
		this.browser.pages().waitFor(Duration.ofSeconds(5)).until((driver) -> rollback.isEnabled());
		rollback.click();
		this.browser.pages().confirm("version 2 escalates too much");
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> "1".equals(this.browser.pages().activeVersion()));
		assertThat(browser.findElement(By.cssSelector("#history tbody tr td:nth-child(2)")).getText())
			.isEqualTo("ROLLBACK");
		assertThat(this.registry.history(CASCADE).get(0).reason()).isEqualTo("version 2 escalates too much");
		assertThat(browser.findElement(By.id("rollback")).isEnabled()).as("nothing before version 1").isFalse();

		// compare the versions, then activate version 2 again through the dialog
		browser.findElement(By.cssSelector("tr[data-version='2'] a.compare")).click();
		assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo(CASCADE + ": version 1 against 2");
		assertThat(browser.findElement(By.cssSelector("#comparison tr[data-tier='0'] .changes")).getText())
			.startsWith("threshold 0.9500 → ");
		this.browser.pages().screenshot("compare");
		browser.findElement(By.linkText(CASCADE)).click();
		browser.findElement(By.cssSelector("tr[data-version='2'] button.activate")).click();
		this.browser.pages().confirm("the comparison looks right");
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> "2".equals(this.browser.pages().activeVersion()));
		assertThat(this.registry.history(CASCADE).get(0).actor()).isEqualTo(AdminIntegrationTest.USER);
		assertThat(this.registry.history(CASCADE).get(0).reason()).isEqualTo("the comparison looks right");
		assertThat(browser.findElement(By.id("rollback")).isEnabled()).isTrue();

		// the models, with their labels
		this.browser.pages().visit("/ui/models");
		WebElement smallRow = browser
			.findElement(By.cssSelector("section[data-model='pages-small'] tr[data-version='1']"));
		assertThat(smallRow.findElement(By.className("kind")).getText()).isEqualTo("lexical-linear");
		assertThat(smallRow.findElements(By.cssSelector(".labels .label"))).extracting(WebElement::getText)
			.containsExactly("0", "1");
		assertThat(smallRow.findElement(By.className("used-by")).getText()).contains(CASCADE + " v1", CASCADE + " v2");
		this.browser.pages().screenshot("models");
		this.browser.pages().visit("/");
		this.browser.pages().screenshot("overview");

		// signing out leads to the sign-in page, and pages need signing in again
		browser.findElement(By.cssSelector("form.sign-out button")).click();
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().endsWith("/login?signed-out"));
		assertThat(browser.findElement(By.id("signed-out")).getText()).isEqualTo("You are signed out.");
		this.browser.pages().visit("/ui/models");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(browser.findElements(By.id("signed-out"))).isEmpty();
		this.browser.pages().screenshot("sign-in");
	}

	@Test
	void everyJobKindHasAFormThatChecksItsFields() throws IOException {
		String cascade = "pages-forms";
		ModelVersion small = LexicalHeads.register(this.registry, "pages-forms-small", ROOT.resolve("small.json"));
		this.registry.createCascadeVersion(
				new NewCascadeVersion(cascade, List.of(new NewTier(small.key(), null, 32, 0)), "one tier", "test"));
		uploadDev("forms-dev.tsv");

		this.browser.pages().visit("/ui/jobs/new");
		WebDriver browser = this.browser.pages().browser();
		Select kind = new Select(browser.findElement(By.id("job-kind")));
		assertThat(kind.getOptions()).extracting((option) -> option.getAttribute("value"))
			.containsExactly("CALIBRATE", "EVALUATE", "BULK_CLASSIFY", "FIT_HEAD", "FINE_TUNE", "DISTIL");
		for (WebElement option : kind.getOptions()) {
			kind.selectByValue(option.getAttribute("value"));
			List<WebElement> shown = browser.findElements(By.cssSelector("form.job-form"))
				.stream()
				.filter(WebElement::isDisplayed)
				.toList();
			assertThat(shown).hasSize(1);
			assertThat(shown.get(0).getAttribute("data-kind")).isEqualTo(option.getAttribute("value"));
		}

		// the browser refuses a value out of range before anything is sent
		kind.selectByValue("FINE_TUNE");
		WebElement fineTune = browser.findElement(By.id("form-FINE_TUNE"));
		fineTune.findElement(By.name("model")).sendKeys("tuned");
		fineTune.findElement(By.name("epochs")).sendKeys("0");
		fineTune.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(fineTune.findElement(By.name("epochs")).getAttribute("validationMessage")).isNotEmpty();
		assertThat(browser.getCurrentUrl()).contains("/ui/jobs/new");

		// the service refuses what only it can check, and the page says why
		kind.selectByValue("CALIBRATE");
		WebElement calibrate = browser.findElement(By.id("form-CALIBRATE"));
		new Select(calibrate.findElement(By.name("cascade"))).selectByValue(cascade);
		new Select(calibrate.findElement(By.name("datasetId"))).selectByVisibleText("none");
		calibrate.findElement(By.cssSelector("button[type=submit]")).click();
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.id("message")).getText().contains("exactly one of datasetId"));

		// a valid job goes to its page, its parameters as a table
		kind.selectByValue("EVALUATE");
		WebElement evaluate = browser.findElement(By.id("form-EVALUATE"));
		new Select(evaluate.findElement(By.name("cascade"))).selectByValue(cascade);
		new Select(evaluate.findElement(By.name("datasetId"))).selectByVisibleText("forms-dev (872 rows)");
		evaluate.findElement(By.name("version")).sendKeys("1");
		this.browser.pages().screenshot("new-job");
		evaluate.findElement(By.cssSelector("button[type=submit]")).click();
		this.browser.pages().followJob(Duration.ofMinutes(2));
		WebElement parameters = browser.findElement(By.id("job-parameters"));
		assertThat(parameters.findElement(By.cssSelector("tr[data-name='cascade'] td")).getText()).isEqualTo(cascade);
		assertThat(parameters.findElement(By.cssSelector("tr[data-name='version'] td")).getText()).isEqualTo("1");
		assertThat(parameters.findElements(By.cssSelector("tr[data-name='split']"))).as("left to its default")
			.isEmpty();
		// the result comes with the outcome, fetched once the page sees the job finished
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> !driver.findElements(By.cssSelector("#job-result tbody tr")).isEmpty());
		assertThat(browser.findElement(By.id("cancel")).isEnabled()).as("no Cancel on a finished job").isFalse();
	}

	@Test
	void theCascadePageShowsWhichInstancesFellBackAndWhichAreStale() throws IOException {
		String cascade = "pages-serving";
		ModelVersion small = LexicalHeads.register(this.registry, "pages-serving-small", ROOT.resolve("small.json"));
		for (int i = 0; i < 2; i++) {
			this.registry.createCascadeVersion(new NewCascadeVersion(cascade,
					List.of(new NewTier(small.key(), null, 32, 0)), "version " + (i + 1), "test"));
		}
		this.registry.activate(ActivationRequest.of(cascade, 2, "test", null));
		Instant now = Instant.now();
		String failure = "Cascade " + cascade + " version 2, tier 0 failed to load (NoSuchFileException); "
				+ "the service's log has the details";
		this.servingReports.save(new ServingReport("api-a:11", cascade, 2, 1, "FALLBACK", failure, now));
		this.servingReports.save(new ServingReport("api-b:12", cascade, 2, 2, "SERVING", null,
				now.minus(ServingReports.STALE_AFTER).minusSeconds(30)));

		this.browser.pages().visit("/ui/cascades/" + cascade);
		List<WebElement> lines = this.browser.pages().browser().findElements(By.cssSelector("#serving li"));
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0).getText())
			.startsWith("serving: instance api-a:11 serves v1 — fell back from v2: " + failure);
		assertThat(lines.get(0).getAttribute("class")).doesNotContain("stale");
		assertThat(lines.get(0).findElements(By.cssSelector(".badge.stale"))).isEmpty();
		assertThat(lines.get(1).getText()).startsWith("serving: instance api-b:12 serves v2").endsWith("stale");
		assertThat(lines.get(1).getAttribute("class")).contains("stale");
		// live numbers per version: only instances that reported lately count
		assertThat(this.browser.pages()
			.browser()
			.findElement(By.cssSelector("#live-numbers tr[data-version='1'] .instances"))
			.getText()).isEqualTo("1 instance: api-a:11");
		assertThat(this.browser.pages()
			.browser()
			.findElement(By.cssSelector("#live-numbers tr[data-version='2'] .instances"))
			.getText()).isEqualTo("no instance");
		assertThat(this.browser.pages().browser().findElement(By.id("rollback")).isEnabled())
			.as("version 2 was activated with nothing active before it")
			.isFalse();

		this.servingReports.deleteAll("api-a:11");
		this.servingReports.deleteAll("api-b:12");
		this.browser.pages().visit("/ui/cascades/" + cascade);
		assertThat(this.browser.pages().browser().findElement(By.id("serving")).getText())
			.isEqualTo("No API instance reports serving this cascade.");
	}

	@Test
	void theCascadePageAndItsRestEndpointShowEachVersionsTrafficOverLiveInstances() throws IOException {
		String cascade = "pages-traffic";
		ModelVersion small = LexicalHeads.register(this.registry, "pages-traffic-small", ROOT.resolve("small.json"));
		ModelVersion large = LexicalHeads.register(this.registry, "pages-traffic-large", ROOT.resolve("large.json"));
		for (int i = 0; i < 2; i++) {
			this.registry.createCascadeVersion(
					new NewCascadeVersion(cascade, List.of(new NewTier(small.key(), Gate.maxProbability(0.9), 32, 0),
							new NewTier(large.key(), null, 32, 0)), "version " + (i + 1), "test"));
		}
		this.registry.activate(ActivationRequest.of(cascade, 1, "test", null));
		Instant now = Instant.now();
		// As two API instances report version 1 (active) and version 2 (a candidate), and
		// a third, stopped a while ago, left a stale report.
		this.servingTraffic.save(new VersionTraffic("api-a:21", cascade, 1, 3, 1, 0, 7, List.of(7L, 3L), 1.25,
				new VersionTraffic.Window(4, List.of(4L, 2L), 60), 5.5, 9.25, 11.0, now));
		this.servingTraffic.save(new VersionTraffic("api-b:22", cascade, 1, 2, 0, 2, 5, List.of(5L, 1L), 0.75,
				new VersionTraffic.Window(4, List.of(4L, 0L), 42.5), 4.0, 12.0, 20.0, now.minusSeconds(10)));
		this.servingTraffic.save(new VersionTraffic("api-a:21", cascade, 2, 1, 0, 0, 4, List.of(4L, 0L), 0.5,
				new VersionTraffic.Window(0, List.of(0L, 0L), 60), 3.0, 3.5, 3.5, now));
		this.servingTraffic.save(new VersionTraffic("api-z:99", cascade, 1, 500, 0, 0, 900, List.of(900L, 900L), 50,
				new VersionTraffic.Window(900, List.of(900L, 900L), 60), 80.0, 90.0, 99.0,
				now.minus(ServingReports.STALE_AFTER).minusSeconds(5)));
		try {
			HttpResponse<String> response = this.http.get("/api/cascades/" + cascade + "/live");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode rows = AdminHttp.json(response);
			assertThat(rows.size()).isEqualTo(2);
			JsonNode candidate = rows.get(0);
			assertThat(candidate.get("version").asInt()).isEqualTo(2);
			assertThat(candidate.get("traffic").get("inputs").asLong()).isEqualTo(4);
			JsonNode active = rows.get(1);
			assertThat(active.get("version").asInt()).isEqualTo(1);
			assertThat(active.get("active").asBoolean()).isTrue();
			JsonNode traffic = active.get("traffic");
			assertThat(traffic.get("instances").asInt()).as("the stale report is left out").isEqualTo(2);
			assertThat(traffic.get("requests").asLong()).isEqualTo(5);
			assertThat(traffic.get("inputs").asLong()).isEqualTo(12);
			assertThat(traffic.get("failures").asLong()).isEqualTo(1);
			assertThat(traffic.get("refusals").asLong()).isEqualTo(2);
			assertThat(traffic.get("inputsPerSecond").asDouble()).isEqualTo(2.0);
			assertThat(traffic.get("tierInputs").get(1).asLong()).isEqualTo(4);
			assertThat(traffic.get("recentTierInputs").toString()).as("window counts summed").isEqualTo("[8,2]");
			assertThat(traffic.get("recentTierShares").get(1).asDouble()).isEqualTo(0.25);
			assertThat(traffic.get("recentSeconds").asDouble()).as("the longest window").isEqualTo(60.0);
			assertThat(candidate.get("traffic").get("recentTierShares")).as("a quiet window").isEmpty();
			assertThat(traffic.get("p95Millis").asDouble()).as("the largest of the instances'").isEqualTo(12.0);
			assertThat(this.http.get("/api/cascades/no-such-cascade/live").statusCode()).isEqualTo(404);

			this.browser.pages().visit("/ui/cascades/" + cascade);
			WebDriver browser = this.browser.pages().browser();
			String row = "#live-numbers tr[data-version='1'] ";
			assertThat(browser.findElement(By.cssSelector(row + ".rate")).getText()).isEqualTo("2.0");
			assertThat(browser.findElement(By.cssSelector(row + ".counts")).getText()).isEqualTo("5 · 12 · 1 · 2");
			assertThat(browser.findElement(By.cssSelector(row + ".tiers")).getText())
				.isEqualTo("tier 1: 12 · tier 2: 4 (33.3%)");
			assertThat(browser.findElement(By.cssSelector(row + ".recent")).getText())
				.isEqualTo("last 60 s: tier 2: 25.0% (2 of 8)");
			assertThat(browser.findElement(By.cssSelector("#live-numbers tr[data-version='2'] .recent")).getText())
				.isEqualTo("no recent traffic");
			assertThat(browser.findElement(By.cssSelector(row + ".latency")).getText()).isEqualTo("5.5 / 12.0 ms");
			assertThat(browser.findElement(By.cssSelector("#live-numbers tr[data-version='2'] .counts")).getText())
				.isEqualTo("1 · 4 · 0 · 0");
		}
		finally {
			for (String instance : List.of("api-a:21", "api-b:22", "api-z:99")) {
				this.servingTraffic.deleteAll(instance);
			}
		}
	}

	private void uploadDev(String name) throws IOException {
		HttpResponse<String> upload = this.http.postFile("/api/datasets", name, Files.readAllBytes(Sst2.DEV));
		assertThat(upload.statusCode()).isEqualTo(201);
	}

}
