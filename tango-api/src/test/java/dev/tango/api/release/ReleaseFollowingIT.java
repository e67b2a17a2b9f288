package dev.tango.api.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.tango.api.TangoApiApplication;
import dev.tango.api.serving.CascadeServer;
import dev.tango.models.changes.ActivationWatcher;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseRequest;
import dev.tango.models.testsupport.PostgresTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Release plans followed on PostgreSQL with the plans' poll interval set to a minute: a
 * plan started, and then aborted, reaches this instance's follower within a second, so
 * only the registry's notification can have brought it.
 */
@SpringBootTest(classes = TangoApiApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tango.registry.seed=classpath:tango/cascades/sst2-sentiment/cascade.json",
				"tango.artifacts.store=target/artifacts-it", "tango.api.request-timeout=60s",
				"tango.api.release.poll-interval=60s" })
@Import(PostgresTestConfiguration.class)
class ReleaseFollowingIT {

	private static final String CASCADE = "sst2-sentiment";

	private static final Duration NOTIFIED = Duration.ofSeconds(1);

	@LocalServerPort
	int port;

	@Autowired
	CascadeServer server;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ReleasePlans plans;

	@Autowired
	ReleaseRouter router;

	@Autowired
	ActivationWatcher watcher;

	@BeforeEach
	void ready() {
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(this.server::ready);
		await().atMost(Duration.ofSeconds(10)).until(this.watcher::isListening);
		this.plans.running(CASCADE).ifPresent((left) -> this.plans.abort(CASCADE, "release-test", "left running"));
		await().atMost(NOTIFIED).until(() -> !this.router.followed().containsKey(CASCADE));
	}

	@Test
	void aPlanReachesTheFollowerByNotificationWellWithinThePollInterval() {
		int candidate = newVersion();
		long started = System.nanoTime();
		ReleasePlan plan = this.plans.start(new ReleaseRequest(CASCADE, candidate, ReleaseMode.SHADOW, 1,
				ReleaseBounds.DEFAULT, "release-test", "follow by notification"));
		await().atMost(NOTIFIED).pollInterval(Duration.ofMillis(5)).until(() -> follows(plan));
		Duration reached = Duration.ofNanos(System.nanoTime() - started);

		long aborted = System.nanoTime();
		this.plans.abort(CASCADE, "release-test", "enough");
		await().atMost(NOTIFIED)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> !this.router.followed().containsKey(CASCADE));
		Duration ended = Duration.ofNanos(System.nanoTime() - aborted);
		System.out.printf("Release plan followed %d ms after its start and dropped %d ms after its abort%n",
				reached.toMillis(), ended.toMillis());
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
