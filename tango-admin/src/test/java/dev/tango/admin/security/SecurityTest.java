package dev.tango.admin.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, over real HTTP, on the embedded database: 401 without valid
 * credentials, 403 without the ADMIN role, both as problem responses; health and info
 * open; only health, info and prometheus exposed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:security;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "tango.registry.seed=" })
class SecurityTest {

	static final String ADMIN_TOKEN = "admin-token-5f1c2b7e9d0a4c6b8e3f1a2d4c6b8e0f";

	static final String VIEWER_TOKEN = "viewer-token-0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";

	static final String METRICS_TOKEN = "metrics-token-7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	InMemoryUserDetailsManager users;

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		user(registry, 0, "alice", "{noop}alice-secret", "ADMIN");
		user(registry, 1, "victor", "{noop}victor-secret", "VIEWER");
		user(registry, 2, "bob", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("bob-secret"), "ADMIN");
		user(registry, 3, "carol", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("carol-secret"), "ADMIN");
		token(registry, 0, "ci", ADMIN_TOKEN, "ADMIN");
		token(registry, 1, "dashboard", VIEWER_TOKEN, "VIEWER");
		token(registry, 2, "prometheus", METRICS_TOKEN, "METRICS");
	}

	static void user(DynamicPropertyRegistry registry, int index, String name, String password, String role) {
		registry.add("tango.admin.users[" + index + "].name", () -> name);
		registry.add("tango.admin.users[" + index + "].password", () -> password);
		registry.add("tango.admin.users[" + index + "].roles", () -> role);
	}

	/**
	 * Adds alice, an administrator signing in with the password {@code alice-secret} (a
	 * bcrypt hash of a low cost, to keep tests quick), as the first user.
	 * @param registry the test's properties
	 */
	static void alice(DynamicPropertyRegistry registry) {
		user(registry, 0, "alice", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("alice-secret"), "ADMIN");
	}

	static void token(DynamicPropertyRegistry registry, int index, String name, String token, String role) {
		registry.add("tango.admin.tokens[" + index + "].name", () -> name);
		registry.add("tango.admin.tokens[" + index + "].sha256", () -> Sha256.ofUtf8(token));
		registry.add("tango.admin.tokens[" + index + "].roles", () -> role);
	}

	@Test
	void withoutCredentialsTheAnswerIs401() throws Exception {
		HttpResponse<String> response = get("/api/models", null);

		assertUnauthenticated(response);
		assertThat(response.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"tango-admin\"");
	}

	@Test
	void wrongPasswordsAndUnknownTokensAre401() throws Exception {
		assertUnauthenticated(get("/api/models", basic("alice", "wrong")));
		assertUnauthenticated(get("/api/models", basic("nobody", "alice-secret")));
		assertUnauthenticated(get("/api/models", "Bearer not-a-configured-token"));
	}

	@Test
	void theWrongRoleIs403() throws Exception {
		assertForbidden(get("/api/models", basic("victor", "victor-secret")));
		assertForbidden(get("/api/models", "Bearer " + VIEWER_TOKEN));
		assertForbidden(get("/actuator/prometheus", basic("victor", "victor-secret")));
	}

	@Test
	void adminsAreServed() throws Exception {
		assertThat(get("/api/models", basic("alice", "alice-secret")).statusCode()).isEqualTo(200);
		assertThat(get("/api/models", basic("bob", "bob-secret")).statusCode()).isEqualTo(200);
		assertThat(get("/api/models", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
		assertThat(get("/api/models", "bearer  " + ADMIN_TOKEN + " ").statusCode()).isEqualTo(200);
	}

	@Test
	void aChangedPasswordIsRefusedAtOnceThoughTheOldOneWasJustVerified() throws Exception {
		assertThat(get("/api/models", basic("carol", "carol-secret")).statusCode()).isEqualTo(200);
		assertThat(get("/api/models", basic("carol", "carol-secret")).statusCode()).isEqualTo(200);
		UserDetails carol = this.users.loadUserByUsername("carol");
		this.users.updatePassword(carol, "{bcrypt}" + new BCryptPasswordEncoder(4).encode("carol-changed"));
		assertUnauthenticated(get("/api/models", basic("carol", "carol-secret")));
		assertThat(get("/api/models", basic("carol", "carol-changed")).statusCode()).isEqualTo(200);
	}

	@Test
	void browsersCannotChangeAnythingForAnotherSite() throws Exception {
		String alice = basic("alice", "alice-secret");
		String self = "http://localhost:" + this.port;

		for (HttpResponse<String> response : List.of(
				post("/api/jobs/1/cancel", alice, "Origin", "https://elsewhere.example"),
				post("/api/jobs/1/cancel", alice, "Sec-Fetch-Site", "cross-site"))) {
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("\"type\":\"https://tango.dev/problems/forbidden\"", "Cross-site");
		}
		HttpResponse<String> page = post("/api/jobs/1/cancel", alice, "Sec-Fetch-Site", "cross-site", "Accept",
				"text/html,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.body()).contains("<p class=\"error\" id=\"problem-detail\">Cross-site requests may not")
			.as("no navigation before signing in")
			.doesNotContain("Sign out");
		assertThat(post("/api/jobs/1/cancel", alice, "Origin", self).statusCode()).isEqualTo(404);
		assertThat(post("/api/jobs/1/cancel", alice, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(404);
		assertThat(post("/api/jobs/1/cancel", alice, "X-Client", "a program").statusCode()).isEqualTo(404);
		assertThat(get("/api/models", alice).statusCode()).isEqualTo(200);
	}

	@Test
	void healthAndInfoAreOpenAndOnlyThreeEndpointsAreExposed() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
		assertUnauthenticated(get("/actuator/prometheus", null));
		HttpResponse<String> prometheus = get("/actuator/prometheus", basic("alice", "alice-secret"));
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
		assertThat(get("/actuator/prometheus", "Bearer " + METRICS_TOKEN).statusCode())
			.as("a scraper's token reads the metrics")
			.isEqualTo(200);
		assertForbidden(get("/api/models", "Bearer " + METRICS_TOKEN));
		assertForbidden(get("/", "Bearer " + METRICS_TOKEN));
		for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/heapdump" }) {
			assertThat(get(hidden, basic("alice", "alice-secret")).statusCode()).as(hidden).isEqualTo(404);
			assertUnauthenticated(get(hidden, null));
		}
	}

	@Test
	void missingThingsAreProblemsWithStableTypes() throws Exception {
		HttpResponse<String> response = get("/api/models/nothing-here/versions", basic("alice", "alice-secret"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://tango.dev/problems/not-found\"",
				"No model 'nothing-here'");
	}

	@Test
	void peopleSignInOnTheSignInPageBackToThePageTheyOpenedAndProgramsKeepHttpBasic() throws Exception {
		HttpResponse<String> page = get("/ui/models", null, "Accept", "text/html,application/xhtml+xml");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		String saved = page.headers().firstValue("Set-Cookie").orElseThrow();
		HttpResponse<String> apiPage = get("/api/models", null, "Accept", "text/html");
		assertThat(apiPage.statusCode()).isEqualTo(401);
		assertThat(apiPage.headers().allValues("WWW-Authenticate")).hasSize(2);
		assertThat(apiPage.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(apiPage.body()).contains("Sign in with HTTP basic").doesNotContain("Sign out");
		assertThat(get("/login", null).body()).contains("<form id=\"sign-in\" method=\"post\"")
			.doesNotContain("id=\"signed-out\"", "id=\"sign-in-error\"");
		assertThat(get("/login?signed-out", null).body()).contains("id=\"signed-out\"");
		assertThat(get("/login?error", null).body()).contains("id=\"sign-in-error\"");

		HttpResponse<String> wrong = signIn("alice", "wrong", "Origin", "http://localhost:" + this.port);
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(signIn("alice", "alice-secret", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);

		HttpResponse<String> signedIn = signIn("alice", "alice-secret", "Sec-Fetch-Site", "same-origin", "Cookie",
				saved.substring(0, saved.indexOf(';')));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/ui/models?continue"));
		String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
		String session = cookie.substring(0, cookie.indexOf(';'));
		HttpResponse<String> signedInPage = get("/ui/models", null, "Cookie", session);
		assertThat(signedInPage.statusCode()).isEqualTo(200);
		assertThat(signedInPage.body()).contains("Sign out");
		HttpResponse<String> basicPage = get("/ui/models", basic("alice", "alice-secret"), "Accept", "text/html");
		assertThat(basicPage.statusCode()).isEqualTo(200);
		assertThat(basicPage.body()).as("HTTP basic cannot be signed out").contains("<nav").doesNotContain("Sign out");
		assertThat(get("/api/models", null, "Cookie", session).statusCode()).isEqualTo(200);

		HttpResponse<String> signOut = post("/logout", null, "Cookie", session, "Accept", "text/html");
		assertThat(signOut.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?signed-out"));
		assertUnauthenticated(get("/api/models", null, "Cookie", session));

		HttpResponse<String> basic = get("/api/models", basic("alice", "alice-secret"));
		assertThat(basic.statusCode()).isEqualTo(200);
		assertThat(basic.headers().firstValue("Set-Cookie")).as("HTTP basic keeps no session").isEmpty();
		assertThat(get("/api/models", null).headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void onlyAPostSignsOutAndAGetFromAnotherSiteLeavesTheSessionAlone() throws Exception {
		HttpResponse<String> signedIn = signIn("alice", "alice-secret", "Sec-Fetch-Site", "same-origin");
		String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
		String session = cookie.substring(0, cookie.indexOf(';'));

		// what an image or a link on another page makes
		HttpResponse<String> page = get("/logout", null, "Cookie", session, "Sec-Fetch-Site", "cross-site", "Accept",
				"text/html");
		assertThat(page.statusCode()).isEqualTo(405);
		assertThat(page.headers().firstValue("Allow")).hasValue("POST");
		assertThat(page.body()).contains("id=\"problem-detail\"");
		HttpResponse<String> program = get("/logout", null, "Cookie", session);
		assertThat(program.statusCode()).isEqualTo(405);
		assertThat(program.body()).contains("\"type\":\"https://tango.dev/problems/method-not-allowed\"");
		assertThat(get("/api/models", null, "Cookie", session).statusCode()).as("still signed in").isEqualTo(200);
		assertThat(get("/logout", null, "Accept", "text/html").headers().firstValue("Location"))
			.as("not signed in: the sign-in page")
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));

		assertThat(post("/logout", null, "Cookie", session, "Sec-Fetch-Site", "cross-site").statusCode())
			.isEqualTo(403);
		assertThat(get("/api/models", null, "Cookie", session).statusCode()).isEqualTo(200);
		assertThat(post("/logout", null, "Cookie", session, "Sec-Fetch-Site", "same-origin", "Accept", "text/html")
			.statusCode()).isEqualTo(302);
		assertUnauthenticated(get("/api/models", null, "Cookie", session));
	}

	@Test
	void signingInWithoutTheRoleIsForbidden() throws Exception {
		HttpResponse<String> signedIn = signIn("victor", "victor-secret", "Sec-Fetch-Site", "same-origin");
		String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
		assertForbidden(get("/", null, "Cookie", cookie.substring(0, cookie.indexOf(';'))));
	}

	@Test
	void aSignInFormThatRepeatsItsNameOrPasswordIsRefusedNamingIt() throws Exception {
		Map<String, String> repeated = Map.of("username=alice&username=victor&password=alice-secret", "username",
				"username=alice&password=alice-secret&password=x", "password");
		for (String form : repeated.keySet()) {
			HttpResponse<String> refused = postForm(form, "Sec-Fetch-Site", "same-origin");
			assertThat(refused.statusCode()).as(form).isEqualTo(400);
			assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
			assertThat(refused.body()).contains("https://tango.dev/problems/invalid-request",
					"Give the parameter '" + repeated.get(form) + "' once, not 2 times");
		}
		HttpRequest inUrl = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/login?pass%77ord=alice-secret"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=alice"))
			.build();
		HttpResponse<String> refused = this.http.send(inUrl, HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Send the sign-in form's 'password' in the request body, not in the URL");
		assertThat(signIn("alice", "alice-secret", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(302);
	}

	private HttpResponse<String> signIn(String user, String password, String... headers)
			throws IOException, InterruptedException {
		return postForm("username=" + user + "&password=" + password, headers);
	}

	private HttpResponse<String> postForm(String form, String... headers) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.headers(headers)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void assertUnauthenticated(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://tango.dev/problems/unauthenticated\"",
				"\"status\":401");
	}

	private static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://tango.dev/problems/forbidden\"", "ADMIN");
	}

	private HttpResponse<String> post(String path, String authorization, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.headers(headers)
			.POST(HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String authorization, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.headers(headers);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		return get(this.http, this.port, path, authorization);
	}

	static HttpResponse<String> get(HttpClient http, int port, String path, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
