package dev.tango.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.client.TangoClient;
import dev.tango.client.classify.ClassifyRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Release plans across two packaged tango-api instances on one PostgreSQL registry
 * ({@link Deployment}), driven through the admin's REST API:
 * <ol>
 * <li>a shadow of a candidate version: every answer still comes from the active version,
 * and both instances report the candidate's agreement with it;</li>
 * <li>a canary at half the traffic, sticky by {@code Tango-Request-Key}: each key gets
 * the same version from either instance, every time, and both versions answer some
 * keys;</li>
 * <li>the canary promoted: both instances answer with the candidate;</li>
 * <li>a canary whose candidate escalates past its bound: an instance aborts it on its
 * own, the audit says why, and both instances answer with the active version again.</li>
 * </ol>
 */
class ReleaseScaleOutIT {

	static final String CASCADE = Deployment.CASCADE;

	static final String RELEASE = "/api/cascades/" + CASCADE + "/release";

	static final List<String> TEXTS = List.of("a wonderful , moving and beautifully acted film .",
			"a dull , tedious mess that goes nowhere .", "it is neither good nor bad , just there .");

	/** A client per instance, pooling its connections. */
	private static final Map<ServiceProcess, TangoClient> CLIENTS = new ConcurrentHashMap<>();

	static Deployment deployment;

	@RegisterExtension
	static final LogsOnFailure LOGS = LogsOnFailure.printing(() -> (deployment != null) ? deployment.tails(150) : "");

	@BeforeAll
	static void start() throws IOException {
		deployment = Deployment.start("release", 2, List.of());
	}

	@AfterAll
	static void stop() {
		if (deployment != null) {
			deployment.close();
		}
	}

	@Test
	void bothInstancesFollowAShadowThenACanaryThatIsPromotedThenOneThatAbortsItself() {
		AdminHttp operator = deployment.operator();
		ServiceProcess api1 = deployment.api(1);
		ServiceProcess api2 = deployment.api(2);
		int candidate = deployment.createVersion(-0.05, "a lower threshold, for the release test");

		// 1. shadow: answers stay with version 1; both instances measure the candidate
		JsonNode shadow = start(operator, "{\"mode\": \"SHADOW\", \"version\": " + candidate
				+ ", \"share\": 1.0, \"reason\": \"shadow the lower threshold\"}");
		List<Integer> shadowAnswers = new ArrayList<>();
		await("both instances report the shadow candidate").atMost(Deployment.STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				for (ServiceProcess api : List.of(api1, api2)) {
					shadowAnswers.add(classify(api, null));
				}
				JsonNode report = report(operator, "CANDIDATE");
				return report != null && report.get("instances").asInt() == 2 && report.get("requests").asLong() >= 10;
			});
		assertThat(shadowAnswers).as("a shadow never changes an answer").containsOnly(1);
		JsonNode shadowReport = report(operator, "CANDIDATE");
		System.out.println("release: shadow candidate as reported: " + shadowReport);
		assertThat(shadowReport.get("agreement").asDouble()).isBetween(0.5, 1.0);
		assertThat(shadowReport.get("errors").asLong()).isZero();
		assertThat(report(operator, "ACTIVE").get("instances").asInt()).isEqualTo(2);
		end(operator, "abort", "shadow agrees; try a canary");

		// 2. canary at half the traffic, sticky by request key across instances
		JsonNode canary = start(operator, "{\"mode\": \"CANARY\", \"version\": " + candidate
				+ ", \"share\": 0.5, \"maxErrorRate\": 0.5, \"minRequests\": 100000, \"reason\": \"half the traffic\"}");
		assertThat(canary.get("id").asLong()).isGreaterThan(shadow.get("id").asLong());
		Set<Integer> versions = new HashSet<>();
		await("each key answered by one version on both instances").atMost(Deployment.STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				versions.clear();
				for (int key = 0; key < 24; key++) {
					int first = classify(api1, "user-" + key);
					if (classify(api2, "user-" + key) != first || classify(api1, "user-" + key) != first) {
						return false;
					}
					versions.add(first);
				}
				return versions.size() == 2;
			});
		assertThat(versions).containsExactlyInAnyOrder(1, candidate);

		// 3. promote: both instances answer with the candidate
		JsonNode promoted = end(operator, "promote", "canary within bounds");
		assertThat(promoted.get("state").asString()).isEqualTo("PROMOTED");
		await("both instances serve the promoted version").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> classify(api1, null) == candidate && classify(api2, null) == candidate);

		// 4. a canary whose candidate escalates nearly everything aborts itself
		int escalating = deployment.createVersion(0.5, "a threshold so high that nearly everything escalates");
		start(operator, "{\"mode\": \"CANARY\", \"version\": " + escalating
				+ ", \"share\": 1.0, \"maxEscalationRate\": 0.05, \"minRequests\": 5, \"reason\": \"too cautious\"}");
		await("an instance aborts the escalating canary").atMost(Deployment.STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				classify(api1, null);
				classify(api2, null);
				return "ABORTED".equals(AdminHttp.json(operator.get(RELEASE)).at("/latest/state").asString());
			});
		JsonNode abort = AdminHttp.json(operator.get(RELEASE)).get("audit").get(0);
		System.out.println("release: automatic abort: " + abort);
		assertThat(abort.get("action").asString()).isEqualTo("ABORT");
		assertThat(abort.get("actor").asString()).isNotEqualTo(Deployment.USER);
		assertThat(abort.get("reason").asString()).startsWith("automatic abort: the candidate's escalation rate");
		await("both instances answer with the active version again").atMost(Duration.ofSeconds(30))
			.until(() -> classify(api1, null) == candidate && classify(api2, null) == candidate);
	}

	private static JsonNode start(AdminHttp operator, String body) {
		HttpResponse<String> started = operator.postJson(RELEASE, body);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		return AdminHttp.json(started);
	}

	private static JsonNode end(AdminHttp operator, String action, String reason) {
		HttpResponse<String> ended = operator.postJson(RELEASE + "/" + action, "{\"reason\": \"" + reason + "\"}");
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		return AdminHttp.json(ended);
	}

	private static @Nullable JsonNode report(AdminHttp operator, String role) {
		for (JsonNode report : AdminHttp.json(operator.get(RELEASE)).get("reports")) {
			if (role.equals(report.get("role").asString())) {
				return report;
			}
		}
		return null;
	}

	/**
	 * Classifies the test texts on one instance.
	 * @return the version that answered
	 */
	private static int classify(ServiceProcess api, @Nullable String key) {
		TangoClient client = CLIENTS.computeIfAbsent(api, (process) -> ClosedLoopLoad.client(process.uri("")));
		ClassifyRequest request = ClassifyRequest.of(TEXTS);
		return ((key != null) ? client.classify(CASCADE, request, key) : client.classify(CASCADE, request)).version();
	}

}
