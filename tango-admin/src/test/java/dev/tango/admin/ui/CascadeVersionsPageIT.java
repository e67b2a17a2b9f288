package dev.tango.admin.ui;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInBrowser;
import dev.tango.admin.testing.SignedInPageTests;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CalibrationPoint;
import dev.tango.models.registry.NewCalibration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cascade's versions on its pages, in a headless Chromium ({@link SignedInBrowser}):
 * which two versions the comparison pairs, and that a cascade of one version has none to
 * pair; an activation made where the page showed none active, refused once another
 * version was activated meanwhile, and a reason of spaces refused; the calibration asked
 * for of a version that has none. The registry is filled directly; no job runs.
 */
@AdminIntegrationTest
@ArtifactRoot("cascade-versions-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class CascadeVersionsPageIT extends SignedInPageTests {

	@Test
	void comparingPairsTheActiveVersionWithAnotherAndNeedsTwoVersions() throws IOException {
		LexicalHeads.twoTierVersions(this.registry, "versions-compare", smallHead(), 0.9, 0.8);
		this.registry.activate(ActivationRequest.of("versions-compare", 1, "test", null));
		LexicalHeads.oneTierVersions(this.registry, "versions-single", smallHead(), 1);
		WebDriver browser = this.browser.pages().browser();

		// version 1 active, the oldest: compared with the newest
		this.browser.pages().visit("/ui/cascades/versions-compare");
		browser.findElement(By.id("compare")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("versions-compare: version 1 against 2");
		assertThat(browser.findElement(By.cssSelector("#comparison tr[data-tier='0'] .changes")).getText())
			.isEqualTo("threshold 0.9000 → 0.8000");

		// one version: nothing to compare
		this.browser.pages().visit("/ui/cascades/versions-single");
		assertThat(browser.findElements(By.id("compare"))).isEmpty();
		this.browser.pages().visit("/ui/cascades/versions-single/compare");
		assertThat(browser.findElement(By.id("nothing-to-compare")).getText())
			.isEqualTo("Version 1 is the only version of versions-single: there is no other to compare it with.");
		assertThat(browser.findElements(By.id("comparison"))).isEmpty();
	}

	@Test
	void anActivationWhereNoneWasActiveIsRefusedIfOneWasActivatedMeanwhileAndNeedsAReason() throws IOException {
		String cascade = "versions-race";
		LexicalHeads.oneTierVersions(this.registry, cascade, smallHead(), 2);
		this.browser.pages().visit("/ui/cascades/" + cascade);
		WebDriver browser = this.browser.pages().browser();
		assertThat(browser.findElement(By.id("active")).getText()).isEqualTo("No version is active.");
		WebElement activate = browser.findElement(By.cssSelector("tr[data-version='1'] button.activate"));

		// spaces are no reason: the dialog stays open, saying so
		activate.click();
		this.browser.pages().confirm("   ");
		WebElement dialog = browser.findElement(By.id("confirm-dialog"));
		assertThat(dialog.getAttribute("open")).isNotNull();
		assertThat(dialog.findElement(By.name("reason")).getAttribute("validationMessage")).isNotEmpty();
		dialog.findElement(By.cssSelector("button[value=cancel]")).click();
		assertThat(this.registry.getActive(cascade)).isEmpty();

		// someone activates version 2 meanwhile: the page's activation, made when none
		// was
		// active, is refused rather than replacing it
		this.registry.activate(ActivationRequest.of(cascade, 2, "someone", "elsewhere"));
		this.browser.pages().waitFor(Duration.ofSeconds(5)).until((driver) -> activate.isEnabled());
		activate.click();
		this.browser.pages().confirm("the first is enough");
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.id("message"))
				.getText()
				.startsWith("The active version of cascade 'versions-race' changed: expected revision none, found "));
		assertThat(this.registry.getActive(cascade).orElseThrow().version().version()).isEqualTo(2);
		assertThat(this.registry.history(cascade)).hasSize(1);
	}

	@Test
	void theCalibrationOfAVersionWithoutOneIsSaidToBeMissing() throws IOException {
		LexicalHeads.twoTierVersions(this.registry, "versions-calibrated", smallHead(), 0.9, 0.8);
		List<CalibrationPoint> curve = List.of(new CalibrationPoint(0, 0.7, 0.85, 0.5, 1.5),
				new CalibrationPoint(0, 0.9, 0.9, 0.8, 1.1));
		this.registry.recordCalibration(new NewCalibration("versions-calibrated", 1, "sst2-dev", "ab".repeat(32),
				"accuracy-budget", Map.of("maxDrop", "0.01"), Map.of(0, 0.9), curve, "test"));
		LexicalHeads.oneTierVersions(this.registry, "versions-uncalibrated", smallHead(), 1);
		WebDriver browser = this.browser.pages().browser();

		this.browser.pages().visit("/ui/cascades/versions-calibrated");
		assertThat(browser.findElements(By.id("curve"))).as("version 1's").hasSize(1);
		this.browser.pages().visit("/ui/cascades/versions-calibrated?calibrated=2");
		assertThat(browser.findElement(By.id("no-calibration")).getText()).isEqualTo("Version 2 has no calibration.");
		assertThat(browser.findElements(By.id("curve"))).isEmpty();
		this.browser.pages().visit("/ui/cascades/versions-uncalibrated");
		assertThat(browser.findElement(By.id("no-calibration")).getText())
			.isEqualTo("No version of this cascade has been calibrated.");
	}

}
