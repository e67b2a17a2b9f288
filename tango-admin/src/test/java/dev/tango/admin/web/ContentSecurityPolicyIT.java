package dev.tango.admin.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.job.Jobs;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.ArtifactRoot;
import dev.tango.admin.testing.BrowserHttp;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInPageTests;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CalibrationPoint;
import dev.tango.models.registry.NewCalibration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ContentSecurityPolicy} over real HTTP and in a headless Chromium: every
 * page, the sign-in page, the static files and the REST API carry it; the pages (with a
 * job's progress, a calibration chart, forms, dialogs and Swagger UI) load and run under
 * it without the browser refusing anything, while an inline style a script slips in is
 * refused and seen. The registry is filled directly; no job runs.
 */
@AdminIntegrationTest
@ArtifactRoot("content-security-policy-it")
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class ContentSecurityPolicyIT extends SignedInPageTests {

	static final String CASCADE = "policy";

	@Autowired
	Jobs queue;

	@Test
	void everyAnswerCarriesThePolicy() throws IOException {
		long job = aCalibratedCascadeAndAJob();
		for (String path : pages(job)) {
			HttpResponse<String> page = this.http.get(path, "Accept", BrowserHttp.PAGE);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValue(ContentSecurityPolicy.HEADER);
		}
		BrowserHttp anonymous = new BrowserHttp(this.port);
		for (HttpResponse<String> response : List.of(anonymous.page("/login"), anonymous.page("/ui/models"),
				anonymous.send("GET", "/api/cascades"), this.http.get("/api/cascades"), this.http.get("/admin.js"),
				this.http.get("/admin.css"))) {
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString())
				.hasValue(ContentSecurityPolicy.HEADER);
		}
	}

	@Test
	void thePagesBreakNothingThePolicyForbids() throws IOException {
		long job = aCalibratedCascadeAndAJob();
		for (String path : pages(job)) {
			this.browser.pages().visit(path);
			assertThat(this.browser.pages().policyViolations()).as(path).isEmpty();
		}
		this.browser.pages().visit("/ui/cascades/" + CASCADE);
		assertThat(this.browser.pages().browser().findElements(By.cssSelector("#curve svg"))).hasSize(1);
		this.browser.pages().visit("/swagger-ui.html");
		this.browser.pages()
			.waitFor(Duration.ofSeconds(10))
			.until((driver) -> !driver.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
		assertThat(this.browser.pages().policyViolations()).as("Swagger UI").isEmpty();
		this.browser.pages().visit("/ui/cascades/a%2Fb");
		assertThat(this.browser.pages().browser().findElement(By.id("problem-title")).getText())
			.isEqualTo("Invalid request");
		assertThat(this.browser.pages().policyViolations()).as("the page Tomcat answers with").isEmpty();

		// what the policy refuses is seen
		((JavascriptExecutor) this.browser.pages().browser())
			.executeScript("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')");
		assertThat(this.browser.pages().policyViolations()).isNotEmpty()
			.allSatisfy((message) -> assertThat(message).contains("inline style"));
	}

	/** The signed-in pages, one of each kind. */
	private static List<String> pages(long job) {
		return List.of("/", "/ui/models", "/ui/jobs", "/ui/jobs/new", "/ui/jobs/" + job, "/ui/cascades/" + CASCADE,
				"/ui/cascades/" + CASCADE + "/compare");
	}

	/**
	 * Creates a cascade of two versions, the first active and calibrated, and queues a
	 * job.
	 * @return the job's id
	 */
	private long aCalibratedCascadeAndAJob() throws IOException {
		if (this.registry.getActive(CASCADE).isEmpty()) {
			LexicalHeads.twoTierVersions(this.registry, CASCADE, smallHead(), 0.9, 0.8);
			this.registry.activate(ActivationRequest.of(CASCADE, 1, "test", null));
			this.registry.recordCalibration(new NewCalibration(CASCADE, 1, "sst2-dev", "ab".repeat(32),
					"accuracy-budget", Map.of("maxDrop", "0.01"), Map.of(0, 0.9),
					List.of(new CalibrationPoint(0, 0.7, 0.85, 0.5, 1.5), new CalibrationPoint(0, 0.9, 0.9, 0.8, 1.1)),
					"test"));
		}
		return this.queue.submit("POLICY", JsonNodeFactory.instance.objectNode(), "policy", null).job().id();
	}

}
