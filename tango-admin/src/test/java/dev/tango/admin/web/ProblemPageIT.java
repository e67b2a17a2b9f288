package dev.tango.admin.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems over real HTTP: JSON for a program, a page for a browser, in the pages' frame
 * when signed in and bare (no navigation, no script) before; what reaches {@code /error}
 * is a problem of the same kinds.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class ProblemPageIT extends SignedInClientTests {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void aProblemIsJsonForAProgramAndAPageInTheFrameForABrowser() {
		for (String path : List.of("/api/jobs/999999", "/ui/jobs/999999")) {
			HttpResponse<String> program = this.http.get(path);
			assertThat(program.statusCode()).as(program.body()).isEqualTo(404);
			assertThat(program.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(AdminHttp.json(program).get("detail").asString()).isEqualTo("No job 999999");

			HttpResponse<String> page = this.http.get(path, "Accept", BROWSER);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
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
		HttpResponse<String> escaped = this.http.get("/ui/jobs?status=%3Cb%3E", "Accept", BROWSER);
		assertThat(escaped.statusCode()).as(escaped.body()).isEqualTo(400);
		assertThat(escaped.body()).contains("must be one of QUEUED").doesNotContain("<b>");
	}

	@Test
	void aClientNotSignedInGetsThePageWithoutNavigationOrScript() throws Exception {
		HttpResponse<String> page = anonymous("/api/jobs/1/cancel", "POST", "Sec-Fetch-Site", "cross-site");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
		assertThat(page.body()).contains("id=\"problem-detail\">Cross-site requests may not change anything here.")
			.doesNotContain("<nav", "admin.js");
		HttpResponse<String> signedIn = this.http.get("/api/jobs/999999", "Accept", BROWSER);
		assertThat(signedIn.body()).contains("<nav", "admin.js");
	}

	@Test
	void whatReachesTheErrorPathIsAProblemOfTheSameKinds() throws Exception {
		HttpResponse<String> direct = this.http.get("/error");
		assertThat(direct.statusCode()).as(direct.body()).isEqualTo(404);
		assertThat(AdminHttp.json(direct).get("type").asString()).isEqualTo("https://tango.dev/problems/not-found");
		assertThat(AdminHttp.json(direct).get("title").asString()).isEqualTo("Not found");
		HttpResponse<String> page = anonymous("/error", "GET");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<title>Not found · Tango admin</title>").doesNotContain("<nav");

		HttpResponse<String> belowTheApplication = this.http.get("/api/jobs/a%2Fb");
		assertThat(belowTheApplication.statusCode()).as(belowTheApplication.body()).isEqualTo(400);
		assertThat(AdminHttp.json(belowTheApplication).get("type").asString())
			.isEqualTo("https://tango.dev/problems/invalid-request");
		assertThat(AdminHttp.json(belowTheApplication).get("title").asString()).as("the type's one title")
			.isEqualTo("Invalid request");
		HttpResponse<String> belowForABrowser = this.http.get("/ui/cascades/a%2Fb?q=%3Cb%3E", "Accept", BROWSER);
		assertThat(belowForABrowser.statusCode()).as(belowForABrowser.body()).isEqualTo(400);
		assertThat(belowForABrowser.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(belowForABrowser.body()).contains("<title>Invalid request · Tango admin</title>")
			.contains("id=\"problem-detail\">Invalid URI: [The encoded slash character is not allowed]</p>")
			.doesNotContain("<nav");

		HttpResponse<String> range = this.http.get("/admin.css", "Range", "bytes=999999-");
		assertThat(range.statusCode()).as(range.body()).isEqualTo(416);
		assertThat(AdminHttp.json(range).get("type").asString())
			.isEqualTo("https://tango.dev/problems/range-not-satisfiable");
		assertThat(AdminHttp.json(range).has("signedIn")).isFalse();
	}

	private HttpResponse<String> anonymous(String path, String method, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", BROWSER)
			.method(method, HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
