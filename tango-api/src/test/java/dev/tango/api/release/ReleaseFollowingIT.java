package dev.tango.api.release;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.api.testsupport.BundledCascadeIT;
import dev.tango.api.testsupport.MonitoringQueries;
import dev.tango.models.changes.ActivationWatcher;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Release plans followed on PostgreSQL with the plans' poll interval set to a minute: a
 * plan started, and then aborted, reaches this instance's follower within a few seconds,
 * so only the registry's notification can have brought it. While the shadow runs, SST-2
 * sentences sent over HTTP give the candidate's agreement per tier and its own batching
 * meters on {@code /actuator/prometheus}, with every release metric the Grafana dashboard
 * queries ({@link MonitoringQueries}); they leave with the plan.
 */
@TestPropertySource(properties = "tango.api.release.poll-interval=60s")
class ReleaseFollowingIT extends BundledCascadeIT {

	/**
	 * How soon a plan's change reaches the follower: loose enough for a loaded machine,
	 * far less than the minute the plans are polled at.
	 */
	private static final Duration NOTIFIED = Duration.ofSeconds(5);

	/** Sentences of both labels, some plain, some that the first tier escalates. */
	private static final List<String> SENTENCES = List.of("a gorgeous, witty, seductive movie.",
			"the acting is terrible and the plot makes no sense.", "it's a charming and often affecting journey.",
			"unflinchingly bleak and desperate", "the movie is not bad, but hardly memorable.",
			"an intelligent, moving and invigorating film.", "a dull, lifeless mess.",
			"it never quite decides what it wants to be.");

	@Autowired
	ReleasePlans plans;

	@Autowired
	ReleaseRouter router;

	@Autowired
	ActivationWatcher watcher;

	@BeforeEach
	void ready() {
		await().atMost(Duration.ofSeconds(10)).until(this.watcher::isListening);
		this.plans.running(CASCADE)
			.ifPresent((left) -> this.plans.abort(CASCADE, null, "release-test", "left running"));
		await().atMost(NOTIFIED).until(() -> !this.router.followed().containsKey(CASCADE));
	}

	@Test
	void aPlanReachesTheFollowerByNotificationWellWithinThePollInterval() throws IOException {
		int candidate = newVersion();
		long started = System.nanoTime();
		ReleasePlan plan = this.plans.start(new ReleaseRequest(CASCADE, candidate, ReleaseMode.SHADOW, 1,
				ReleaseBounds.DEFAULT, "release-test", "follow by notification"));
		await().atMost(NOTIFIED).pollInterval(Duration.ofMillis(5)).until(() -> follows(plan));
		Duration reached = Duration.ofNanos(System.nanoTime() - started);

		await().atMost(Duration.ofMinutes(2)).until(() -> this.server.candidate(CASCADE).isPresent());
		classify(SENTENCES);
		String version = "version=\"" + candidate + "\"";
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(sample(scrape(), "tango_release_shadow_compared_total", version))
				.isEqualTo(SENTENCES.size()));
		String scrape = scrape();
		assertThat(sample(scrape, "tango_release_shadow_agreement", version, "tier=\"all\"")).isGreaterThan(0.8);
		assertThat(sample(scrape, "tango_release_shadow_agreement", version, "tier=\"0\"")).isBetween(0.0, 1.0);
		assertThat(scrape).containsPattern("tango_release_shadow_agreement\\{[^}]*tier=\"1\"[^}]*\\} ");
		assertThat(sample(scrape, "tango_release_shadow_dropped_total", version)).isZero();
		// what the dashboard's release panels query is published while the release runs
		MonitoringQueries dashboard = MonitoringQueries
			.read((name) -> name.startsWith(MonitoringQueries.RELEASE_METRICS));
		assertThat(dashboard.metrics()).containsKeys("tango_release_requests_total", "tango_release_shadow_agreement",
				"tango_release_shadow_compared_total", "tango_release_shadow_dropped_total");
		assertThat(dashboard.missingFrom(scrape)).as("queried but not published").isEmpty();
		// The candidate batches apart from the active version, under its own version tag.
		String active = "version=\"" + this.registry.getActive(CASCADE).orElseThrow().version().version() + "\"";
		assertThat(sample(scrape, "tango_batch_size_sum", version, "tier=\"0\"")).as("warm-up and shadow")
			.isGreaterThanOrEqualTo(SENTENCES.size());
		assertThat(sample(scrape, "tango_batch_size_sum", active, "tier=\"0\"")).isPositive();

		long aborted = System.nanoTime();
		this.plans.abort(CASCADE, null, "release-test", "enough");
		await().atMost(NOTIFIED)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> !this.router.followed().containsKey(CASCADE));
		Duration ended = Duration.ofNanos(System.nanoTime() - aborted);
		assertThat(scrape()).doesNotContain("tango_release_shadow_agreement{");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(scrape()).doesNotContainPattern("tango_batch_size_count\\{[^}]*" + version));
		System.out.printf("Release plan followed %d ms after its start and dropped %d ms after its abort%n",
				reached.toMillis(), ended.toMillis());
	}

	private void classify(List<String> texts) {
		HttpResponse<String> response = service().classify(texts);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private String scrape() {
		return service().get("/actuator/prometheus").body();
	}

	/** The value of the one sample of a metric whose labels include all those given. */
	private static double sample(String scrape, String metric, String... labels) {
		List<Double> values = scrape.lines()
			.filter((line) -> line.startsWith(metric + "{") && Arrays.stream(labels).allMatch(line::contains)
					&& line.contains("cascade=\"" + CASCADE + "\""))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.toList();
		assertThat(values).as(metric + " " + Arrays.toString(labels)).hasSize(1);
		return values.get(0);
	}

	private boolean follows(ReleasePlan plan) {
		FollowedPlan followed = this.router.followed().get(CASCADE);
		return followed != null && followed.plan.id() == plan.id();
	}

	/** A new version of the cascade with the active version's tiers. */
	private int newVersion() {
		CascadeVersion active = this.registry.getActive(CASCADE).orElseThrow().version();
		List<NewTier> tiers = new ArrayList<>();
		for (CascadeTier tier : active.tiers()) {
			tiers.add(new NewTier(tier.model().key(), tier.gate(), tier.batchSize(), tier.maxBatchDelayMillis()));
		}
		return this.registry
			.createCascadeVersion(new NewCascadeVersion(CASCADE, tiers, "the active tiers again", "release-test"))
			.version();
	}

}
