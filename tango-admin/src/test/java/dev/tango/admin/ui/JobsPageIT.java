package dev.tango.admin.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.job.JobCommands;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInPageTests;
import dev.tango.admin.testing.Sst2;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs pages in a real browser: every job newest first, a page at a time, by state;
 * one poll of each unfinished job at a time; a job form that queues one job however often
 * it is sent. The service runs no job here, so the jobs submitted stay queued until
 * cancelled.
 */
@AdminIntegrationTest
@ArtifactRoot("jobs-page-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class JobsPageIT extends SignedInPageTests {

	/** How long the pages' script waits between two polls of a job, in ms. */
	static final int POLL_MILLIS = 700;

	@Autowired
	Jobs queue;

	@Autowired
	JobCommands commands;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void emptyTheQueue() {
		this.jdbc.update("DELETE FROM admin_jobs");
	}

	@Test
	void theJobsPageListsEveryJobOncePageByPageAndByState() {
		List<Long> submitted = new ArrayList<>();
		for (int i = 0; i < 53; i++) {
			submitted.add(this.queue
				.submit("LISTED", JsonNodeFactory.instance.objectNode().put("i", i), "lister-" + (i % 2), null)
				.job()
				.id());
		}
		this.commands.cancel(submitted.get(10));

		this.browser.pages().visit("/");
		this.browser.pages().browser().findElement(By.id("all-jobs")).click();
		List<Long> first = listed();
		assertThat(this.browser.pages().browser().findElement(By.id("older-jobs")).getAttribute("href"))
			.endsWith("/ui/jobs?before=" + first.get(49));
		this.browser.pages().browser().findElement(By.id("older-jobs")).click();
		List<Long> second = listed();

		assertThat(first).hasSize(50).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(first.get(0)).isEqualTo(submitted.get(52));
		assertThat(second).containsExactly(submitted.get(2), submitted.get(1), submitted.get(0));
		assertThat(this.browser.pages().browser().findElements(By.id("older-jobs"))).isEmpty();
		WebElement row = this.browser.pages()
			.browser()
			.findElement(By.cssSelector("#jobs tr[data-job-id='" + submitted.get(0) + "']"));
		assertThat(row.getText()).contains("LISTED", "lister-0", "QUEUED");

		this.browser.pages().browser().findElement(By.linkText("cancelled")).click();
		assertThat(listed()).containsExactly(submitted.get(10));
		assertThat(this.browser.pages().browser().findElement(By.tagName("h1")).getText()).isEqualTo("Jobs: cancelled");
		this.browser.pages().browser().findElement(By.linkText("succeeded")).click();
		assertThat(this.browser.pages().browser().findElement(By.tagName("main")).getText()).contains("No job here.");
	}

	@Test
	void aProblemOnAPageIsShownInThePagesFrame() {
		this.browser.pages().visit("/ui/jobs/999999");
		assertThat(this.browser.pages().browser().getTitle()).isEqualTo("Not found · Tango admin");
		assertThat(problem()).isEqualTo("No job 999999");
		this.browser.pages().browser().findElement(By.linkText("Jobs")).click();
		assertThat(this.browser.pages().browser().findElement(By.tagName("h1")).getText()).isEqualTo("Jobs");

		this.browser.pages().visit("/ui/jobs?status=finished");
		assertThat(problem()).startsWith("Parameter 'status' must be one of QUEUED, RUNNING, SUCCEEDED");
		this.browser.pages().visit("/ui/jobs?before=1&before=2");
		assertThat(problem()).isEqualTo("Give the parameter 'before' once, not 2 times");
		this.browser.pages().visit("/ui/jobs?before=-1");
		assertThat(problem()).isEqualTo("before must be a job id, 1 or more, was -1");
	}

	@Test
	void eachUnfinishedJobIsPolledByOneLoopAlsoAfterCancel() {
		long id = this.queue.submit("LISTED", JsonNodeFactory.instance.objectNode(), "lister", null).job().id();

		// the list shows its progress in its row
		this.browser.pages().visit("/ui/jobs");
		assertOnePollLoop(id);

		// a running job's page, cancelled: the job stays running until its instance stops
		// it, which none does here
		this.jdbc.update("UPDATE admin_jobs SET status = 'RUNNING', instance_id = 'elsewhere', "
				+ "started_at = CURRENT_TIMESTAMP, heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?", id);
		this.browser.pages().visit("/ui/jobs/" + id);
		WebDriver browser = this.browser.pages().browser();
		browser.findElement(By.id("cancel")).click();
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.cssSelector("#job-progress .status"))
				.getText()
				.equals("RUNNING (cancelling)"));
		assertOnePollLoop(id);
	}

	@Test
	void aJobFormQueuesOneJobOnADoubleClickAndWhenSentAgainAfterBack() throws IOException {
		LexicalHeads.oneTierVersions(this.registry, "jobs-page", smallHead(), 1);
		assertThat(this.http.postFile("/api/datasets", "jobs-dev.tsv", Files.readAllBytes(Sst2.DEV)).statusCode())
			.isEqualTo(201);
		WebDriver browser = this.browser.pages().browser();

		this.browser.pages().visit("/ui/jobs/new?kind=EVALUATE");
		new Actions(browser).doubleClick(evaluateForm("")).perform();
		String first = jobPage();
		assertThat(jobIds()).hasSize(1);

		// Back, and the same form sent again: the job it queued
		browser.navigate().back();
		evaluateForm("").click();
		assertThat(jobPage()).isEqualTo(first);
		assertThat(jobIds()).hasSize(1);

		// other parameters are another job
		browser.navigate().back();
		evaluateForm("1").click();
		assertThat(jobPage()).isNotEqualTo(first);
		assertThat(jobIds()).hasSize(2);
	}

	/**
	 * On the new job page, fills in the evaluation form for the test's cascade and data
	 * set.
	 * @param version the version, as typed
	 * @return the form's submit button, once enabled
	 */
	private WebElement evaluateForm(String version) {
		WebElement form = this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.findElement(By.id("form-EVALUATE")));
		new Select(form.findElement(By.name("cascade"))).selectByValue("jobs-page");
		new Select(form.findElement(By.name("datasetId"))).selectByVisibleText("jobs-dev (872 rows)");
		WebElement field = form.findElement(By.name("version"));
		field.clear();
		field.sendKeys(version);
		WebElement button = form.findElement(By.cssSelector("button[type=submit]"));
		this.browser.pages().waitFor(Duration.ofSeconds(5)).until((driver) -> button.isEnabled());
		return button;
	}

	/** Waits for a job's page, and returns its address. */
	private String jobPage() {
		return this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().matches(".*/ui/jobs/\\d+") ? driver.getCurrentUrl() : null);
	}

	private List<Long> jobIds() {
		return this.jdbc.queryForList("SELECT id FROM admin_jobs ORDER BY id", Long.class);
	}

	/**
	 * Counts the page's requests for a job over a few seconds: as many as one poll loop
	 * makes, not more.
	 */
	private void assertOnePollLoop(long id) {
		JavascriptExecutor script = (JavascriptExecutor) this.browser.pages().browser();
		double since = ((Number) script.executeScript("return performance.now()")).doubleValue();
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> ((Number) script.executeScript("return performance.now()")).doubleValue() - since > 5
					* POLL_MILLIS);
		@SuppressWarnings("unchecked")
		List<Number> seen = (List<Number>) script.executeScript("""
				const since = arguments[1];
				const polls = performance.getEntriesByType('resource')
					.filter((entry) => entry.name.endsWith('/api/jobs/' + arguments[0]) && entry.startTime >= since);
				return [performance.now() - since, polls.length];""", id, since);
		double elapsed = seen.get(0).doubleValue();
		assertThat(seen.get(1).intValue()).as("polls of job %d in %.0f ms", id, elapsed)
			.isBetween(2, (int) (elapsed / POLL_MILLIS) + 1);
	}

	private String problem() {
		return this.browser.pages().browser().findElement(By.id("problem-detail")).getText();
	}

	private List<Long> listed() {
		return this.browser.pages()
			.browser()
			.findElements(By.cssSelector("#jobs tbody tr"))
			.stream()
			.map((row) -> Long.parseLong(row.getAttribute("data-job-id")))
			.toList();
	}

}
