package dev.tango.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.client.Health;
import dev.tango.client.TangoClient;
import dev.tango.e2e.ClosedLoopLoad.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out as operators deploy it: two tango-api instances and one tango-admin on one
 * PostgreSQL registry ({@link Deployment}), the instances behind HAProxy
 * ({@link LoadBalancer}).
 * <ol>
 * <li>A second version of the bundled cascade is created and activated through the
 * admin's REST API while closed-loop clients classify through HAProxy and one client
 * calls each instance directly. Both instances, each asked directly, report the new
 * active version within {@link #ACTIVATION_REACHES_BOTH} of the activation the admin
 * recorded (the registry's change notification), then load, warm up and serve it; no
 * request fails on either, through HAProxy or directly.</li>
 * <li>One instance is killed ({@code SIGKILL}) under load through HAProxy. HAProxy sends
 * the requests that were in flight there, or that reached it before its readiness checks
 * marked it down, to the other instance; no request fails, and the other instance goes on
 * answering.</li>
 * </ol>
 * Needs HAProxy ({@code apt-get install haproxy}, or {@code TANGO_HAPROXY} naming it):
 * skipped without it, with a warning, except where {@code CI} is set, where that fails.
 * The measured delays and counts are printed as lines starting with {@code scale-out:}.
 */
class ScaleOutIT {

	static final String CASCADE = Deployment.CASCADE;

	/**
	 * How soon each instance reports an activation: loose enough for a loaded machine,
	 * yet far less than the 30 s at which the instances poll the registry while they
	 * listen, so that a poll reaches both in time only by chance.
	 */
	static final Duration ACTIVATION_REACHES_BOTH = Duration.ofSeconds(5);

	static final int CLIENTS = 4;

	static final Duration STARTUP = Deployment.STARTUP;

	static final List<String> TEXTS = List.of("a wonderful , moving and beautifully acted film .",
			"a dull , tedious mess that goes nowhere .");

	static Deployment deployment;

	static ServiceProcess api1;

	static ServiceProcess api2;

	static LoadBalancer balancer;

	@RegisterExtension
	static final LogsOnFailure LOGS = LogsOnFailure.printing(() -> {
		StringBuilder logs = new StringBuilder((deployment != null) ? deployment.tails(150) : "");
		if (balancer != null) {
			List<String> lines = balancer.log().lines().toList();
			logs.append("----- last lines of HAProxy's log -----\n")
				.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 100), lines.size())));
		}
		return logs.toString();
	});

	@BeforeAll
	static void start() throws IOException {
		Path haproxy = haproxy();
		Path run = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "scale-out-").toAbsolutePath();
		deployment = Deployment.start("scale-out", 2, List.of());
		api1 = deployment.api(1);
		api2 = deployment.api(2);
		Map<String, ServiceProcess> servers = new LinkedHashMap<>();
		servers.put("api-1", api1);
		servers.put("api-2", api2);
		balancer = LoadBalancer.start(haproxy, run.resolve("haproxy"), servers, Duration.ofMinutes(1));
	}

	@AfterAll
	static void stop() throws Exception {
		Resources.closeAll(balancer, deployment);
	}

	@Test
	void anActivationReachesBothInstancesItsSwapFailsNoRequestAndOneInstanceMayDie() throws Exception {
		AdminHttp operator = deployment.operator();
		int version = deployment.createVersion(-0.05, "a lower threshold, for the scale-out test");
		Map<String, Long> answeredBefore = balancer.counter("hrsp_2xx");

		// 1. activate the new version while clients classify, through HAProxy and
		// directly
		Instant requested;
		Instant activatedAt;
		Activation seen1;
		Activation seen2;
		List<Outcome> swap = new ArrayList<>();
		try (ClosedLoopLoad through = ClosedLoopLoad.start("haproxy", CLIENTS,
				() -> ClosedLoopLoad.client(balancer.uri("")), CASCADE, TEXTS);
				ClosedLoopLoad direct1 = ClosedLoopLoad.start("api-1", 1, () -> ClosedLoopLoad.client(api1.uri("")),
						CASCADE, TEXTS);
				ClosedLoopLoad direct2 = ClosedLoopLoad.start("api-2", 1, () -> ClosedLoopLoad.client(api2.uri("")),
						CASCADE, TEXTS);
				ExecutorService watchers = Executors.newFixedThreadPool(2)) {
			await("clients answered").atMost(Duration.ofMinutes(1)).until(() -> through.outcomes().size() >= 20);
			Future<Activation> watch1 = watchers.submit(() -> Activation.watch("api-1", api1, version));
			Future<Activation> watch2 = watchers.submit(() -> Activation.watch("api-2", api2, version));
			requested = Instant.now();
			HttpResponse<String> activated = operator.postJson("/api/cascades/" + CASCADE + "/activate",
					"{\"version\": " + version + ", \"reason\": \"scale-out test\"}");
			assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
			activatedAt = instant(AdminHttp.json(activated).required("activatedAt"));
			seen1 = watch1.get(STARTUP.toMinutes(), TimeUnit.MINUTES);
			seen2 = watch2.get(STARTUP.toMinutes(), TimeUnit.MINUTES);
			long served = System.nanoTime();
			await("answers of the new version through HAProxy").atMost(Duration.ofMinutes(2))
				.until(() -> through.since(served).stream().filter((o) -> o.version() == version).count() >= 20);
			for (ClosedLoopLoad load : List.of(through, direct1, direct2)) {
				load.stop();
				swap.addAll(load.outcomes());
			}
			assertThat(through.since(served)).as("through HAProxy once both serve the new version")
				.isNotEmpty()
				.allSatisfy((outcome) -> assertThat(outcome.version()).isEqualTo(version));
			assertThat(direct1.outcomes()).extracting(Outcome::version).contains(version - 1, version);
			assertThat(direct2.outcomes()).extracting(Outcome::version).contains(version - 1, version);
		}
		System.out.printf(
				"scale-out: activation requested, recorded by the admin after %d ms; reported active by "
						+ "api-1 after %d ms, api-2 after %d ms; served by api-1 after %d ms, api-2 after %d ms "
						+ "(from the recorded activation)%n",
				Duration.between(requested, activatedAt).toMillis(), seen1.activeMillis(activatedAt),
				seen2.activeMillis(activatedAt), seen1.servedMillis(activatedAt), seen2.servedMillis(activatedAt));
		System.out.println("scale-out: swap under load: " + summary(swap));
		assertThat(failures(swap)).as("failed requests during the swap").isEmpty();
		assertThat(seen1.activeMillis(activatedAt)).as("api-1 reports the activation")
			.isLessThanOrEqualTo(ACTIVATION_REACHES_BOTH.toMillis());
		assertThat(seen2.activeMillis(activatedAt)).as("api-2 reports the activation")
			.isLessThanOrEqualTo(ACTIVATION_REACHES_BOTH.toMillis());
		Map<String, Long> answeredAfter = balancer.counter("hrsp_2xx");
		assertThat(answeredAfter).as("both instances answered through HAProxy")
			.allSatisfy((server, answered) -> assertThat(answered).isGreaterThan(answeredBefore.get(server)));

		// 2. kill one instance under load through HAProxy
		Map<String, Long> retriesBefore = balancer.counter("wretr");
		Map<String, Long> redispatchesBefore = balancer.counter("wredis");
		long kill;
		long down;
		List<Outcome> all;
		List<Outcome> afterKill;
		try (ClosedLoopLoad through = ClosedLoopLoad.start("haproxy", CLIENTS,
				() -> ClosedLoopLoad.client(balancer.uri("")), CASCADE, TEXTS)) {
			await("clients answered").atMost(Duration.ofMinutes(1)).until(() -> through.outcomes().size() >= 20);
			kill = System.nanoTime();
			api2.kill();
			await("HAProxy marks api-2 down").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> balancer.servers().get("api-2").get("status").startsWith("DOWN"));
			down = System.nanoTime();
			await("answers once api-2 is down").atMost(Duration.ofMinutes(2))
				.until(() -> through.since(down).size() >= 40);
			through.stop();
			all = through.outcomes();
			afterKill = through.since(kill);
		}
		Map<String, Long> retries = difference(balancer.counter("wretr"), retriesBefore);
		Map<String, Long> redispatches = difference(balancer.counter("wredis"), redispatchesBefore);
		System.out.printf(
				"scale-out: api-2 killed; HAProxy marked it down after %d ms; %s; HAProxy retried %s "
						+ "and redispatched %s requests%n",
				TimeUnit.NANOSECONDS.toMillis(down - kill), summary(afterKill), retries, redispatches);
		assertThat(api2.alive()).isFalse();
		assertThat(failures(all)).as("failed requests through HAProxy around the kill").isEmpty();
		assertThat(afterKill).allSatisfy((outcome) -> assertThat(outcome.version()).isEqualTo(version));
		assertThat(api1.alive()).isTrue();
	}

	/** Reads an instant that Jackson wrote as an ISO-8601 string or as epoch seconds. */
	private static Instant instant(JsonNode value) {
		if (value.isNumber()) {
			return Instant.ofEpochSecond(0, value.decimalValue().movePointRight(9).longValueExact());
		}
		return Instant.parse(value.asString());
	}

	private static List<String> failures(List<Outcome> outcomes) {
		return outcomes.stream().filter(Outcome::failed).map(Outcome::failure).toList();
	}

	private static String summary(List<Outcome> outcomes) {
		long[] millis = outcomes.stream().mapToLong(Outcome::millis).sorted().toArray();
		Map<Integer, Long> versions = outcomes.stream()
			.filter((outcome) -> !outcome.failed())
			.collect(Collectors.groupingBy(Outcome::version, Collectors.counting()));
		return "%d requests, %d failed, answered by version %s, latency median %d ms, max %d ms".formatted(
				outcomes.size(), failures(outcomes).size(), versions,
				(millis.length == 0) ? 0 : millis[millis.length / 2],
				(millis.length == 0) ? 0 : millis[millis.length - 1]);
	}

	private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
		Map<String, Long> difference = new LinkedHashMap<>();
		after.forEach((server, value) -> difference.put(server, value - before.getOrDefault(server, 0L)));
		return difference;
	}

	private static Path haproxy() {
		Optional<Path> haproxy = LoadBalancer.find();
		if (haproxy.isPresent()) {
			return haproxy.get();
		}
		String message = "No HAProxy on this machine (Debian: apt-get install haproxy; or set TANGO_HAPROXY)";
		if (System.getenv("CI") != null) {
			fail(message + ": CI must run the scale-out test (.ci/run installs it)");
		}
		System.err.println("#".repeat(80) + "\n#  " + message + ": the scale-out test is SKIPPED\n" + "#".repeat(80));
		Assumptions.abort(message + ": the scale-out test is skipped");
		throw new IllegalStateException("unreachable");
	}

	/**
	 * When an instance, asked directly and again every 10 ms, first reported a version as
	 * its active one (its readiness details), and when it first reported serving it: the
	 * times the answers came, by the clock of this machine, which the services share.
	 *
	 * @param active when the version was first reported active
	 * @param served when it was first reported served
	 */
	record Activation(Instant active, Instant served) {

		static Activation watch(String name, ServiceProcess api, int version) throws InterruptedException {
			TangoClient client = ClosedLoopLoad.client(api.uri(""));
			Instant active = null;
			Instant deadline = Instant.now().plus(STARTUP);
			while (Instant.now().isBefore(deadline)) {
				Map<String, Object> details = cascadeDetails(client.readiness());
				Instant now = Instant.now();
				if (active == null && version(details, "activeVersion") == version) {
					active = now;
				}
				if (active != null && version(details, "servedVersion") == version) {
					return new Activation(active, now);
				}
				Thread.sleep(10);
			}
			throw new AssertionError(name + " did not serve version " + version + " within " + STARTUP);
		}

		private static Map<String, Object> cascadeDetails(Health readiness) {
			Health cascades = readiness.components().get("cascades");
			Health cascade = (cascades != null) ? cascades.components().get(CASCADE) : null;
			return (cascade != null) ? cascade.details() : Map.of();
		}

		private static int version(Map<String, Object> details, String name) {
			return (details.get(name) instanceof Number number) ? number.intValue() : 0;
		}

		long activeMillis(Instant from) {
			return Duration.between(from, this.active).toMillis();
		}

		long servedMillis(Instant from) {
			return Duration.between(from, this.served).toMillis();
		}

	}

}
