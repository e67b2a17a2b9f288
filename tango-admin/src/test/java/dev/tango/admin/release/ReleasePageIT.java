package dev.tango.admin.release;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.SignedInBrowser;
import dev.tango.admin.testing.SignedInPageTests;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseReports;
import dev.tango.models.release.ReleaseRole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release panel of a cascade's page in a headless Chromium ({@link SignedInBrowser}):
 * a canary started from its form, the instances' measurements appearing as they are
 * reported, a refusal shown, an abort, then a shadow promoted after a confirmation.
 */
@AdminIntegrationTest
@ArtifactRoot("release-page-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class ReleasePageIT extends SignedInPageTests {

	static final String CASCADE = "release-page";

	static final Duration SHORT = Duration.ofSeconds(10);

	@Autowired
	ReleasePlans plans;

	@Autowired
	ReleaseReports reports;

	@Test
	void startWatchAbortAndPromoteFromTheCascadePage() throws IOException {
		ReleaseFixtures.twoVersionCascade(this.registry, CASCADE, smallHead());
		this.browser.pages().visit("/ui/cascades/" + CASCADE);
		WebDriver browser = this.browser.pages().browser();
		WebElement state = browser.findElement(By.id("release-state"));
		awaitPlanState("NONE");
		assertThat(state.getText()).isEqualTo("No release plan runs.");
		assertThat(browser.findElement(By.id("release-end")).isDisplayed()).isFalse();

		// start a canary from the form
		WebElement form = browser.findElement(By.id("release-start"));
		new Select(form.findElement(By.name("mode"))).selectByValue("CANARY");
		assertThat(new Select(form.findElement(By.name("version"))).getOptions()).extracting(WebElement::getText)
			.as("the active version is no candidate")
			.containsExactly("2");
		type(form, "share", "0.3");
		type(form, "reason", "a third of the traffic");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		awaitPlanState("RUNNING");
		ReleasePlan plan = this.plans.running(CASCADE).orElseThrow();
		assertThat(plan.share()).isEqualTo(0.3);
		assertThat(state.getText())
			.startsWith("Plan " + plan.id() + ": canary of version 2 against version 1 at share 0.3");
		assertThat(browser.findElement(By.id("release-start")).isDisplayed()).isFalse();

		// the instances' measurements appear as they are reported
		this.reports.save(new ReleaseReport("api-a:1", plan.id(), 2, ReleaseRole.CANDIDATE, 30, 60, 3, 0, 0, 0,
				List.of(new ReleaseReport.TierCounts(60, 45, 0), new ReleaseReport.TierCounts(15, 15, 0)), 60_000_000,
				Instant.now()));
		WebElement row = this.browser.pages()
			.waitFor(SHORT)
			.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("#release-reports tr[data-role=CANDIDATE]")));
		assertThat(row.findElements(By.tagName("td"))).extracting(WebElement::getText)
			.startsWith("2", "candidate", "1", "30", "3 (10.0%)", "0", "–", "– / –", "25.0% (–)", "1.00");
		this.browser.pages().screenshot("release", panel(browser));

		// a refusal is shown; then an abort with a reason
		browser.findElement(By.id("release-abort")).click();
		WebElement message = browser.findElement(By.id("message"));
		this.browser.pages().waitFor(SHORT).until((driver) -> message.isDisplayed());
		assertThat(message.getText()).contains("Give a reason");
		type(browser.findElement(By.id("release-end")), "reason", "errors too high");
		browser.findElement(By.id("release-abort")).click();
		awaitPlanState("NONE");
		assertThat(state.getText()).isEqualTo("No release plan runs. Plan " + plan.id() + " (version 2) was aborted.");

		// a shadow, promoted after a confirmation
		form = browser.findElement(By.id("release-start"));
		new Select(form.findElement(By.name("mode"))).selectByValue("SHADOW");
		type(form, "reason", "shadow it first");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		awaitPlanState("RUNNING");
		// the page names the plan it shows, which a promotion then ends or is refused
		ReleasePlan shadow = this.plans.running(CASCADE).orElseThrow();
		assertThat(panel(browser).getAttribute("data-plan")).isEqualTo(Long.toString(shadow.id()));
		type(browser.findElement(By.id("release-end")), "reason", "agrees with version 1");
		browser.findElement(By.id("release-promote")).click();
		this.browser.pages().waitFor(SHORT).until(ExpectedConditions.alertIsPresent()).accept();
		this.browser.pages().waitFor(SHORT).until((driver) -> "2".equals(this.browser.pages().activeVersion()));
		this.browser.pages()
			.waitFor(SHORT)
			.until((driver) -> driver.findElements(By.cssSelector("#release-audit tbody tr")).size() == 4);
		List<WebElement> audit = browser.findElements(By.cssSelector("#release-audit tbody tr"));
		assertThat(audit.get(0).findElements(By.tagName("td"))).extracting(WebElement::getText)
			.endsWith("PROMOTE", AdminIntegrationTest.USER, "agrees with version 1");
		assertThat(this.registry.history(CASCADE).get(0).reason()).endsWith("promoted: agrees with version 1");
	}

	/**
	 * Waits until the release panel shows a plan's state, {@code NONE} when none runs.
	 */
	private void awaitPlanState(String state) {
		this.browser.pages().waitFor(SHORT).until((driver) -> state.equals(panel(driver).getAttribute("data-state")));
	}

	private static WebElement panel(WebDriver driver) {
		return driver.findElement(By.id("release"));
	}

	private static void type(WebElement form, String field, String value) {
		WebElement input = form.findElement(By.name(field));
		input.clear();
		input.sendKeys(value);
	}

}
