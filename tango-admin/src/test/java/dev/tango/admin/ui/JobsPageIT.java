package dev.tango.admin.ui;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.job.JobCommands;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInBrowser;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs page in a real browser: every job newest first, a page at a time, by state.
 * The service runs no job here, so the jobs submitted stay queued until cancelled.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class JobsPageIT extends SignedInClientTests {

	@Autowired
	Jobs queue;

	@Autowired
	JobCommands commands;

	@Autowired
	JdbcTemplate jdbc;

	@RegisterExtension
	final SignedInBrowser browser = new SignedInBrowser();

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
