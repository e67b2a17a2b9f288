package dev.tango.admin.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.BrowserHttp;
import dev.tango.admin.testing.Problems;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems over real HTTP: JSON for a program, a page for a browser, in the pages' frame
 * when signed in and bare (no navigation, no script) before, under the
 * {@link ContentSecurityPolicy} (in a {@code <meta>} element where Tomcat answers below
 * the application); what reaches {@code /error} is a problem of the same kinds.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class ProblemPageIT extends SignedInClientTests {

	@Test
	void aProblemIsJsonForAProgramAndAPageInTheFrameForABrowser() {
		for (String path : List.of("/api/jobs/999999", "/ui/jobs/999999")) {
			HttpResponse<String> program = this.http.get(path);
			assertThat(program.statusCode()).as(program.body()).isEqualTo(404);
			assertThat(program.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(AdminHttp.json(program).get("detail").asString()).isEqualTo("No job 999999");

			HttpResponse<String> page = this.http.get(path, "Accept", BrowserHttp.PAGE);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
			assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ContentSecurityPolicy.HEADER);
			assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
			assertThat(page.body()).contains("<title>Not found · Tango admin</title>", "href=\"/ui/jobs\"")
				.contains("<p class=\"error\" id=\"problem-detail\">No job 999999</p>");
		}
		HttpResponse<String> json = this.http.get("/ui/jobs/999999", "Accept", "application/json");
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> problemsOnly = this.http.get("/api/jobs/999999", "Accept", "application/problem+json");
		assertThat(problemsOnly.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> success = this.http.get("/api/jobs", "Accept", "application/problem+json");
		assertThat(success.statusCode()).as(success.body()).isEqualTo(200);
		assertThat(success.headers().firstValue("Content-Type")).as("an answer that is no problem")
			.hasValue("application/json");
		HttpResponse<String> escaped = this.http.get("/ui/jobs?status=%3Cb%3E", "Accept", BrowserHttp.PAGE);
		assertThat(escaped.statusCode()).as(escaped.body()).isEqualTo(400);
		assertThat(escaped.body()).contains("must be one of QUEUED").doesNotContain("<b>");
	}

	@Test
	void aClientNotSignedInGetsThePageWithoutNavigationOrScript() {
		HttpResponse<String> page = new BrowserHttp(this.port).send("POST", "/api/jobs/1/cancel", "Accept",
				BrowserHttp.PAGE, "Sec-Fetch-Site", "cross-site");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
		assertThat(page.headers().firstValue("Content-Security-Policy")).as("a security filter's refusal")
			.hasValue(ContentSecurityPolicy.HEADER);
		assertThat(page.body()).contains("id=\"problem-detail\">Cross-site requests may not change anything here.")
			.doesNotContain("<nav", "admin.js");
		HttpResponse<String> signedIn = this.http.get("/api/jobs/999999", "Accept", BrowserHttp.PAGE);
		assertThat(signedIn.body()).contains("<nav", "admin.js");
	}

	@Test
	void whatReachesTheErrorPathIsAProblemOfTheSameKinds() {
		assertThat(Problems.assertProblem(this.http.get("/error"), 404, "not-found").get("title").asString())
			.isEqualTo("Not found");
		HttpResponse<String> page = new BrowserHttp(this.port).page("/error");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ContentSecurityPolicy.HEADER);
		assertThat(page.body()).contains("<title>Not found · Tango admin</title>").doesNotContain("<nav");

		assertThat(Problems.assertProblem(this.http.get("/api/jobs/a%2Fb"), 400, "invalid-request")
			.get("title")
			.asString()).as("the type's one title").isEqualTo("Invalid request");
		HttpResponse<String> belowForABrowser = this.http.get("/ui/cascades/a%2Fb?q=%3Cb%3E", "Accept",
				BrowserHttp.PAGE);
		assertThat(belowForABrowser.statusCode()).as(belowForABrowser.body()).isEqualTo(400);
		assertThat(belowForABrowser.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(belowForABrowser.headers().firstValue("Content-Security-Policy")).as("no filter saw it").isEmpty();
		assertThat(belowForABrowser.body()).contains("<title>Invalid request · Tango admin</title>")
			.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + ContentSecurityPolicy.META + "\">")
			.contains("id=\"problem-detail\">Invalid URI: [The encoded slash character is not allowed]</p>")
			.doesNotContain("<nav");

		assertThat(Problems
			.assertProblem(this.http.get("/admin.css", "Range", "bytes=999999-"), 416, "range-not-satisfiable")
			.has("signedIn")).isFalse();
	}

}
