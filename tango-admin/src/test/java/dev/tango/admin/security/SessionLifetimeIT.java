package dev.tango.admin.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.BrowserHttp;
import dev.tango.admin.testing.Problems;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The absolute lifetime of a sign-in session over real HTTP, here 2 seconds: however busy
 * the session, once that long has passed since signing in, a page sends its browser to
 * sign in again (saying why, and back to the page after) and the REST API answers 401;
 * signing in again starts a new lifetime.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false", "tango.admin.session.lifetime=2s" })
class SessionLifetimeIT {

	static final Duration LIFETIME = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	@Test
	void aBusySessionEndsItsLifetimeAfterSigningInAndThePageAsksToSignInAgain() throws InterruptedException {
		BrowserHttp browser = new BrowserHttp(this.port);
		SignIn signedIn = signIn(browser);
		// busy all along: an idle timeout would never end it
		while (Instant.now().isBefore(signedIn.before().plus(LIFETIME).minusMillis(800))) {
			assertThat(browser.page("/ui/models").statusCode()).isEqualTo(200);
			assertThat(browser.send("GET", "/api/cascades", "Accept", "application/json").statusCode()).isEqualTo(200);
			Thread.sleep(200);
		}
		sleepUntil(signedIn.after().plus(LIFETIME));

		HttpResponse<String> page = browser.page("/ui/models");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?session-ended"));
		HttpResponse<String> signInPage = browser.page("/login?session-ended");
		assertThat(signInPage.statusCode()).as(signInPage.headers().map().toString()).isEqualTo(200);
		assertThat(signInPage.body()).contains("id=\"session-ended\"");
		assertThat(browser.page("/ui/models").headers().firstValue("Location")).as("ended once: a plain sign-in")
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));

		HttpResponse<String> again = browser.signIn(AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		assertThat(again.headers().firstValue("Location")).as("back to the page, by its path")
			.hasValue("/ui/models?continue");
		assertThat(browser.page("/ui/models").statusCode()).as("a new lifetime").isEqualTo(200);
	}

	@Test
	void theRestApiAnswersACallInAnEndedSession401() throws InterruptedException {
		BrowserHttp browser = new BrowserHttp(this.port);
		SignIn signedIn = signIn(browser);
		assertThat(browser.send("GET", "/api/cascades", "Accept", "application/json").statusCode()).isEqualTo(200);
		sleepUntil(signedIn.after().plus(LIFETIME));

		HttpResponse<String> call = browser.send("GET", "/api/cascades", "Accept", "application/json");
		Problems.assertProblem(call, 401, "unauthenticated");
		assertThat(call.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"tango-admin\"");
		assertThat(browser.page("/").headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

	private static SignIn signIn(BrowserHttp browser) {
		Instant before = Instant.now();
		HttpResponse<String> response = browser.signIn(AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		return new SignIn(before, Instant.now());
	}

	/**
	 * When the service recorded a sign-in, at the earliest and at the latest.
	 */
	private record SignIn(Instant before, Instant after) {
	}

	private static void sleepUntil(Instant time) throws InterruptedException {
		long millis = Duration.between(Instant.now(), time).toMillis();
		if (millis > 0) {
			Thread.sleep(millis + 1);
		}
	}

}
