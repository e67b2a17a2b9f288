package dev.tango.api.release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.ServedCascade;
import dev.tango.api.testsupport.KeywordServingTest;
import dev.tango.api.testsupport.KeywordTier;
import dev.tango.api.testsupport.TestCascades;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.RequestOptions;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseRole;
import dev.tango.models.release.ReleaseState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Release routing over a served cascade of keyword tiers: the candidate loaded and warmed
 * up by the version lifecycle and reused when promoted, a canary's share sticky by
 * request key, a shadow queue that drops and counts what it cannot hold, and the bounds
 * judged on the candidate's failures.
 */
class ReleaseRouterTest extends KeywordServingTest {

	private CascadeServer server;

	private ReleaseRouter router;

	@BeforeEach
	void setUp() {
		this.versions.put(1, TestCascades.version(NAME, 1, 0.9));
		this.versions.put(2, TestCascades.version(NAME, 2, 0.0));
		activeIs(1);
		this.server = newServer(TestCascades.properties(64));
		this.server.start();
		await().atMost(Duration.ofSeconds(60)).until(this.server::ready);
		this.router = new ReleaseRouter(this.server, TestCascades.properties(64), this.meters);
	}

	@AfterEach
	void tearDown() {
		this.router.stop();
		this.server.stop();
	}

	@Test
	void theCandidateIsWarmedUpBesideTheActiveVersionAndServesWhenPromotedWithoutLoadingAgain() {
		ServedCascade candidate = loadCandidate();
		assertThat(this.loader.tiers(NAME, 2)).allSatisfy((tier) -> assertThat(tier.calls()).isGreaterThanOrEqualTo(2));
		assertThat(this.server.require(NAME, null).versionNumber()).as("the candidate answers nobody by itself")
			.isEqualTo(1);
		this.changes.activate(NAME, 1, 2, 2);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.server.require(NAME, null) == candidate);
		assertThat(this.server.candidate(NAME)).isEmpty();
		assertThat(this.loader.tiers(NAME, 2)).allSatisfy((tier) -> assertThat(tier.isClosed()).isFalse());
	}

	@Test
	void aCanaryShareIsStickyByRequestKeyAndANamedVersionIsNeverRerouted() {
		ServedCascade candidate = loadCandidate();
		ServedCascade active = this.server.require(NAME, null);
		follow(plan(ReleaseMode.CANARY, 0.3, ReleaseBounds.DEFAULT));
		int toCandidate = 0;
		for (int key = 0; key < 1000; key++) {
			ServedCascade routed = this.router.route(active, null, "user-" + key);
			assertThat(this.router.route(active, null, "user-" + key)).isSameAs(routed);
			toCandidate += (routed == candidate) ? 1 : 0;
		}
		assertThat(toCandidate).isBetween(240, 360);
		int random = 0;
		for (int i = 0; i < 1000; i++) {
			random += (this.router.route(active, null, null) == candidate) ? 1 : 0;
		}
		assertThat(random).isBetween(240, 360);
		for (int key = 0; key < 100; key++) {
			assertThat(this.router.route(active, "1", "user-" + key)).isSameAs(active);
		}
	}

	@Test
	void shadowCopiesBeyondTheQueueAreDroppedAndCountedAndTheRestCompared() throws Exception {
		loadCandidate();
		ServedCascade active = this.server.require(NAME, null);
		FollowedPlan plan = follow(plan(ReleaseMode.SHADOW, 1.0, ReleaseBounds.DEFAULT));
		List<TextInput> inputs = List.of(TextInput.of("good good good"), TextInput.of("bad bad bad"));
		int copies = ShadowRunner.CAPACITY + 6;
		for (int i = 0; i < copies; i++) {
			CompletableFuture<BatchingResult> answer = active.batcher().submit(inputs, RequestOptions.defaults());
			answer.get(5, TimeUnit.SECONDS);
			this.router.observe(active, inputs, answer, null);
		}
		// Not started: nothing runs the queue, which holds 64.
		assertThat(this.meters.get("tango.release.shadow.dropped").tag("version", "2").counter().count()).isEqualTo(6);
		this.router.start();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(report(plan, 2)).isNotNull()
				.extracting(ReleaseReport::requests)
				.isEqualTo((long) ShadowRunner.CAPACITY));
		ReleaseReport candidate = report(plan, 2);
		assertThat(candidate.dropped()).isEqualTo(6);
		assertThat(candidate.compared()).isEqualTo(2L * ShadowRunner.CAPACITY);
		assertThat(candidate.agreement()).isEqualTo(1.0);
		assertThat(candidate.tiers().get(0).answered()).as("threshold 0: tier 0 answers all")
			.isEqualTo(2L * ShadowRunner.CAPACITY);
		assertThat(report(plan, 1).requests()).isEqualTo(copies);
		assertThat(this.meters.get("tango.release.requests").tag("role", "active").counter().count()).isEqualTo(copies);
		assertThat(shadowAgreement("all")).isEqualTo(1.0);
		assertThat(shadowAgreement("0")).isEqualTo(1.0);
		assertThat(shadowAgreement("1")).as("tier 1 answered nothing").isNaN();
		assertThat(this.meters.get("tango.release.shadow.compared").tag("version", "2").functionCounter().count())
			.isEqualTo(2.0 * ShadowRunner.CAPACITY);
		this.router.meters().ended(plan);
		// A copy still running as the plan ended registers nothing again.
		this.router.meters().started(plan, new VersionStats(2, ReleaseRole.CANDIDATE, 2));
		assertThat(this.meters.find("tango.release.shadow.agreement").gauges()).isEmpty();
		assertThat(this.meters.find("tango.release.shadow.dropped").counters()).isEmpty();
	}

	@Test
	void aShadowCandidateThatHangsOrFailsNeitherDelaysNorChangesAnAnswer() throws Exception {
		loadCandidate();
		ServedCascade active = this.server.require(NAME, null);
		List<TextInput> inputs = List.of(TextInput.of("good good good"), TextInput.of("bad bad bad"),
				TextInput.of("good and bad"));
		List<String> alone = labels(
				active.batcher().submit(inputs, RequestOptions.defaults()).get(5, TimeUnit.SECONDS));
		FollowedPlan plan = follow(plan(ReleaseMode.SHADOW, 1.0, ReleaseBounds.DEFAULT));
		this.router.start();
		List<KeywordTier> candidateTiers = this.loader.tiers(NAME, 2);
		candidateTiers.get(0).hold();
		try {
			// the candidate hangs: every copy beyond its queue is dropped, no answer
			// waits
			for (int i = 0; i < ShadowRunner.CAPACITY + 10; i++) {
				CompletableFuture<BatchingResult> answer = active.batcher().submit(inputs, RequestOptions.defaults());
				this.router.observe(active, inputs, answer, null);
				assertThat(labels(answer.get(5, TimeUnit.SECONDS))).isEqualTo(alone);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(report(plan, 2).dropped()).isPositive());
		}
		finally {
			candidateTiers.get(0).release();
		}
		// every copy offered so far run or dropped before the candidate starts failing
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ReleaseReport candidate = report(plan, 2);
			assertThat(candidate.requests() + candidate.dropped()).isEqualTo(ShadowRunner.CAPACITY + 10);
		});
		// the candidate fails: its errors are counted, the answers stay the active
		// version's
		candidateTiers.forEach((tier) -> tier.failing(true));
		long errorsBefore = report(plan, 2).errors();
		for (int i = 0; i < 5; i++) {
			CompletableFuture<BatchingResult> answer = active.batcher().submit(inputs, RequestOptions.defaults());
			this.router.observe(active, inputs, answer, null);
			assertThat(labels(answer.get(5, TimeUnit.SECONDS))).isEqualTo(alone);
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(report(plan, 2).errors()).isGreaterThan(errorsBefore));
		assertThat(report(plan, 1).errors()).isZero();
	}

	private static List<String> labels(BatchingResult result) {
		return result.predictions().stream().map(Prediction::label).toList();
	}

	private double shadowAgreement(String tier) {
		return this.meters.get("tango.release.shadow.agreement")
			.tags("cascade", NAME, "version", "2", "tier", tier)
			.gauge()
			.value();
	}

	@Test
	void aCandidatesFailuresBreachItsBounds() {
		ServedCascade candidate = loadCandidate();
		FollowedPlan plan = follow(plan(ReleaseMode.CANARY, 1.0, new ReleaseBounds(0.2, 1, 4)));
		List<TextInput> inputs = List.of(TextInput.of("good"));
		for (int i = 0; i < 3; i++) {
			this.router.observe(candidate, inputs, CompletableFuture.failedFuture(new IllegalStateException("down")),
					null);
		}
		assertThat(plan.candidateStats().breach(plan.plan.bounds())).as("too few requests yet").isNull();
		this.router.observe(candidate, inputs, CompletableFuture.failedFuture(new IllegalStateException("down")), null);
		assertThat(plan.candidateStats().breach(plan.plan.bounds()))
			.isEqualTo("error rate 1.000 exceeds the bound 0.200 after 4 requests");
		this.server.follow(NAME, 0);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.server.candidate(NAME).isEmpty());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.loader.tiers(NAME, 2).stream().allMatch(KeywordTier::isClosed));
	}

	private ServedCascade loadCandidate() {
		this.server.follow(NAME, 2);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.server.candidate(NAME).isPresent());
		return this.server.candidate(NAME).orElseThrow();
	}

	private FollowedPlan follow(ReleasePlan plan) {
		FollowedPlan followed = new FollowedPlan(plan, this.router.meters());
		this.router.follow(Map.of(NAME, followed));
		return followed;
	}

	private static ReleasePlan plan(ReleaseMode mode, double share, ReleaseBounds bounds) {
		return new ReleasePlan(7, NAME, 1, 2, mode, share, bounds, ReleaseState.RUNNING, Instant.now(), "test", null);
	}

	private static ReleaseReport report(FollowedPlan plan, int version) {
		for (VersionStats stats : plan.allStats()) {
			if (stats.version == version) {
				return stats.report("here", plan.plan.id(), Instant.now());
			}
		}
		return null;
	}

}
