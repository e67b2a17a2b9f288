package dev.tango.models.it;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Label;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.registry.RegistryConflictException;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.models.registry.RollbackRequest;
import dev.tango.models.release.ReleaseAction;
import dev.tango.models.release.ReleaseAuditEntry;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseReports;
import dev.tango.models.release.ReleaseRequest;
import dev.tango.models.release.ReleaseRole;
import dev.tango.models.release.ReleaseState;
import dev.tango.models.testsupport.PostgresTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Release plans on PostgreSQL: one running plan per cascade, promotion activating the
 * candidate in the same transaction, aborts by operators and by racing instances, the
 * audit, and the instances' reports added up.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "tango.registry.seed=" + RegistryScenarios.SEED,
				"tango.artifacts.store=target/artifacts-release" })
@Import(PostgresTestConfiguration.class)
class ReleaseIT {

	@Autowired
	ModelRegistry registry;

	@Autowired
	ReleasePlans plans;

	@Autowired
	ReleaseReports reports;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aCanaryRunsAloneUntilPromotedAndPromotionActivatesItsCandidate() {
		String cascade = twoVersionCascade();
		ReleasePlan plan = this.plans.start(new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.25,
				new ReleaseBounds(0.1, 0.6, 20), "alice", "try the higher threshold"));
		assertThat(plan.running()).isTrue();
		assertThat(plan.baseVersion()).isEqualTo(1);
		assertThat(plan.candidateVersion()).isEqualTo(2);
		assertThat(plan.share()).isEqualTo(0.25);
		assertThat(plan.bounds()).isEqualTo(new ReleaseBounds(0.1, 0.6, 20));
		assertThat(this.plans.running(cascade)).contains(plan);
		assertThat(this.plans.running()).contains(plan);
		assertThatExceptionOfType(RegistryConflictException.class)
			.isThrownBy(() -> this.plans.start(new ReleaseRequest(cascade, 2, ReleaseMode.SHADOW, 1,
					ReleaseBounds.DEFAULT, "bob", "a second plan")))
			.withMessageContaining("runs already");

		ReleasePlan promoted = this.plans.promote(cascade, plan.id(), "carol", "agreement 0.98 on 5000 inputs");
		assertThat(promoted.state()).isEqualTo(ReleaseState.PROMOTED);
		assertThat(promoted.endedAt()).isNotNull();
		assertThat(this.registry.getActive(cascade).orElseThrow().version().version()).isEqualTo(2);
		assertThat(this.registry.history(cascade).get(0).reason()).contains("agreement 0.98 on 5000 inputs");
		assertThat(this.plans.running(cascade)).isEmpty();
		assertThat(this.plans.audit(cascade, 10)).extracting(ReleaseAuditEntry::action, ReleaseAuditEntry::actor)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ReleaseAction.PROMOTE, "carol"),
					org.assertj.core.groups.Tuple.tuple(ReleaseAction.START, "alice"));
		assertThatExceptionOfType(RegistryNotFoundException.class)
			.isThrownBy(() -> this.plans.abort(cascade, null, "carol", "too late"));
	}

	/**
	 * An operator who saw one plan cannot promote or abort another that somebody started
	 * after it ended: naming the plan seen, the promotion is refused and nothing changes.
	 */
	@Test
	void aPromotionOrAbortNamingAnEndedPlanIsRefused() {
		String cascade = twoVersionCascade();
		ReleasePlan seen = this.plans.start(
				new ReleaseRequest(cascade, 2, ReleaseMode.SHADOW, 1, ReleaseBounds.DEFAULT, "alice", "shadow first"));
		this.plans.abort(cascade, seen.id(), "bob", "a canary instead");
		ReleasePlan since = this.plans
			.start(new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.1, ReleaseBounds.DEFAULT, "bob", "a canary"));

		for (Runnable change : List.<Runnable>of(() -> this.plans.promote(cascade, seen.id(), "carol", "looks good"),
				() -> this.plans.abort(cascade, seen.id(), "carol", "enough"))) {
			assertThatExceptionOfType(RegistryConflictException.class).isThrownBy(change::run)
				.withMessage(
						"Release plan " + seen.id() + " does not run for cascade '" + cascade + "'; plan " + since.id()
								+ " (CANARY of version 2) runs now: look at the release again before ending a plan");
		}
		assertThat(this.plans.running(cascade)).contains(since);
		assertThat(this.registry.getActive(cascade).orElseThrow().version().version()).isEqualTo(1);

		this.plans.abort(cascade, since.id(), "carol", "enough");
		assertThatExceptionOfType(RegistryConflictException.class)
			.isThrownBy(() -> this.plans.promote(cascade, since.id(), "carol", "too late"))
			.withMessageContaining("no plan runs now");
	}

	/**
	 * A candidate answers beside the active version: a canary serves its display names to
	 * some clients, a shadow compares its answers by label. Other labels, another order,
	 * or (for a canary) other display names are refused.
	 */
	@Test
	void aCandidateWithOtherLabelsIsRefused() {
		String cascade = twoVersionCascade();
		int renamed = versionWithLabels(cascade, List.of(new Label("negative", "BAD"), new Label("positive", "GOOD")));
		int reordered = versionWithLabels(cascade, Label.of(List.of("positive", "negative")));

		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.plans.start(new ReleaseRequest(cascade, renamed, ReleaseMode.CANARY, 0.5,
					ReleaseBounds.DEFAULT, "alice", "new names")))
			.withMessage("Version " + renamed + " answers with the labels [negative (BAD), positive (GOOD)], the "
					+ "active version 1 with [negative, positive]: a canary needs the same labels and display names "
					+ "in the same order; activate the candidate instead to change them");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.plans.start(new ReleaseRequest(cascade, reordered, ReleaseMode.SHADOW, 1,
					ReleaseBounds.DEFAULT, "alice", "other order")))
			.withMessageContaining("answers with the labels [positive, negative], the active version 1 with "
					+ "[negative, positive]: a shadow needs the same labels in the same order");
		assertThat(this.plans.running(cascade)).isEmpty();

		// a shadow's answers are never served: display names may differ
		ReleasePlan shadow = this.plans.start(new ReleaseRequest(cascade, renamed, ReleaseMode.SHADOW, 1,
				ReleaseBounds.DEFAULT, "alice", "compare the renamed version"));
		assertThat(shadow.running()).isTrue();
		this.plans.abort(cascade, shadow.id(), "alice", "enough");
	}

	@Test
	void whileAPlanRunsNoVersionIsActivatedOrRolledBackByHand() {
		String cascade = twoVersionCascade();
		ReleasePlan plan = this.plans.start(new ReleaseRequest(cascade, 2, ReleaseMode.SHADOW, 0.5,
				ReleaseBounds.DEFAULT, "alice", "shadow first"));
		assertThatExceptionOfType(RegistryConflictException.class)
			.isThrownBy(() -> this.registry.activate(ActivationRequest.of(cascade, 2, "bob", "by hand")))
			.withMessage("Release plan " + plan.id() + " runs for cascade '" + cascade
					+ "': promote or abort it before activating or rolling back a version");
		assertThatExceptionOfType(RegistryConflictException.class)
			.isThrownBy(() -> this.registry.rollback(new RollbackRequest(cascade, 2, "bob", "by hand", null)))
			.withMessageContaining("Release plan " + plan.id() + " runs");
		assertThat(
				this.registry.activate(ActivationRequest.of(cascade, 1, "bob", "the active one")).version().version())
			.as("activating the active version changes nothing")
			.isEqualTo(1);
		assertThat(this.registry.history(cascade)).hasSize(1);
	}

	@Test
	void aPlanStartingAsAVersionIsActivatedNeverRunsAgainstAnotherBase() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 8; round++) {
				String cascade = twoVersionCascade();
				this.registry.createCascadeVersion(new NewCascadeVersion(cascade,
						List.of(new NewTier(classifier().key(), null, 8, 20)), "a third", "alice"));
				CountDownLatch go = new CountDownLatch(1);
				Future<?> start = pool.submit(() -> {
					go.await();
					return this.plans.start(new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.5,
							ReleaseBounds.DEFAULT, "alice", "race"));
				});
				Future<?> activate = pool.submit(() -> {
					go.await();
					return this.registry.activate(ActivationRequest.of(cascade, 3, "bob", "race"));
				});
				go.countDown();
				boolean started = succeeded(start);
				boolean activated = succeeded(activate);
				assertThat(started || activated).isTrue();
				int active = this.registry.getActive(cascade).orElseThrow().version().version();
				int current = round;
				this.plans.running(cascade)
					.ifPresent((plan) -> assertThat(plan.baseVersion()).as("round %d: the plan's base", current)
						.isEqualTo(active));
				assertThat(active).isEqualTo(activated ? 3 : 1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Whether a task succeeded; a conflict is the one way it may fail. */
	private static boolean succeeded(Future<?> task) throws InterruptedException {
		try {
			task.get(30, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(RegistryConflictException.class);
			return false;
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the race did not end", ex);
		}
	}

	@Test
	void aPlanIsNotPromotedOverAVersionActivatedAfterItStarted() {
		String cascade = twoVersionCascade();
		ReleasePlan plan = this.plans
			.start(new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.5, ReleaseBounds.DEFAULT, "alice", "canary"));
		this.registry.createCascadeVersion(new NewCascadeVersion(cascade,
				List.of(new NewTier(classifier().key(), null, 8, 20)), "a third", "alice"));
		// As an activation racing the start of the plan would: it does not see the plan.
		this.jdbc.update("UPDATE release_plans SET running_cascade = NULL WHERE id = ?", plan.id());
		this.registry.activate(ActivationRequest.of(cascade, 3, "bob", "raced the plan"));
		this.jdbc.update("UPDATE release_plans SET running_cascade = ? WHERE id = ?", cascade, plan.id());

		assertThatExceptionOfType(RegistryConflictException.class)
			.isThrownBy(() -> this.plans.promote(cascade, null, "carol", "looks good"))
			.withMessage("Cascade '" + cascade + "' has version 3 active, not version 1, which release plan "
					+ plan.id() + " measured its candidate against: abort the plan and start another");
		assertThat(this.plans.running(cascade)).isPresent();
		assertThat(this.registry.getActive(cascade).orElseThrow().version().version()).isEqualTo(3);
		assertThat(this.plans.abort(cascade, null, "carol", "measured against another version").state())
			.isEqualTo(ReleaseState.ABORTED);
	}

	@Test
	void badPlansAreRefusedWithTheReason() {
		String cascade = twoVersionCascade();
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.plans.start(new ReleaseRequest(cascade, 1, ReleaseMode.CANARY, 0.1,
					ReleaseBounds.DEFAULT, "alice", "the active one")))
			.withMessageContaining("is the active one");
		assertThatExceptionOfType(RegistryNotFoundException.class)
			.isThrownBy(() -> this.plans.start(new ReleaseRequest(cascade, 9, ReleaseMode.CANARY, 0.1,
					ReleaseBounds.DEFAULT, "alice", "no such version")))
			.withMessageContaining("no version 9");
		assertThatExceptionOfType(RegistryNotFoundException.class)
			.isThrownBy(() -> this.plans.start(new ReleaseRequest(RegistryScenarios.unique("none"), 2,
					ReleaseMode.CANARY, 0.1, ReleaseBounds.DEFAULT, "alice", "no such cascade")));
		assertThatExceptionOfType(InvalidRegistryRequestException.class).isThrownBy(
				() -> new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0, ReleaseBounds.DEFAULT, "alice", "nothing"))
			.withMessageContaining("share");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(
					() -> new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.5, ReleaseBounds.DEFAULT, "alice", "  "))
			.withMessageContaining("reason");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.5, ReleaseBounds.DEFAULT, "alice",
					"x\ud800"))
			.withMessage("The reason holds a lone surrogate, \\uD800, at character 1: texts must be Unicode, with "
					+ "surrogates only in pairs");
		assertThatExceptionOfType(InvalidRegistryRequestException.class)
			.isThrownBy(() -> this.plans.abort(cascade, null, "alice", "a\u0000b"))
			.withMessageContaining("The reason holds a NUL character");
		assertThatExceptionOfType(InvalidRegistryRequestException.class).isThrownBy(() -> new ReleaseBounds(1.5, 1, 10))
			.withMessageContaining("maxErrorRate");
		assertThat(this.plans.list(cascade, 10)).isEmpty();
	}

	@Test
	void instancesRacingToAbortAbortOnceAndTheirReportsAddUp() throws Exception {
		String cascade = twoVersionCascade();
		ReleasePlan plan = this.plans.start(new ReleaseRequest(cascade, 2, ReleaseMode.CANARY, 0.5,
				new ReleaseBounds(0.01, 1, 5), "alice", "canary at half"));
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.reports.save(report("host-a:1", plan, 1, ReleaseRole.ACTIVE, 40, 0, now));
		this.reports.save(report("host-a:1", plan, 2, ReleaseRole.CANDIDATE, 10, 1, now));
		this.reports.save(report("host-a:1", plan, 2, ReleaseRole.CANDIDATE, 30, 3, now.plusSeconds(1)));
		this.reports.save(report("host-b:2", plan, 2, ReleaseRole.CANDIDATE, 10, 1, now));
		assertThat(this.reports.list(plan.id())).hasSize(3);
		List<ReleaseReport> totals = this.reports.totals(plan.id());
		assertThat(totals).extracting(ReleaseReport::role).containsExactly(ReleaseRole.ACTIVE, ReleaseRole.CANDIDATE);
		ReleaseReport candidate = totals.get(1);
		assertThat(candidate.requests()).isEqualTo(40);
		assertThat(candidate.errors()).isEqualTo(4);
		assertThat(candidate.errorRate()).isEqualTo(0.1);
		assertThat(candidate.tiers().get(0).inputs()).isEqualTo(80);
		assertThat(candidate.escalation()).singleElement()
			.satisfies((rate) -> assertThat(rate).isCloseTo(0.25, within(1e-9)));
		assertThat(candidate.agreement()).isCloseTo(0.9, within(1e-9));
		assertThat(candidate.updatedAt()).isEqualTo(now.plusSeconds(1));
		String breach = candidate.breach(plan.bounds());
		assertThat(breach).isEqualTo("error rate 0.100 exceeds the bound 0.010 after 40 requests");
		assertThat(totals.get(0).breach(new ReleaseBounds(0.01, 0.2, 5))).as("the active version's escalation")
			.isEqualTo("escalation rate 0.250 past the first tier exceeds the bound 0.200 after 80 inputs");

		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> aborts = List.of(() -> this.plans.abortIfRunning(plan.id(), "host-a:1", breach),
					() -> this.plans.abortIfRunning(plan.id(), "host-b:2", breach),
					() -> this.plans.abortIfRunning(plan.id(), "host-c:3", breach),
					() -> this.plans.abortIfRunning(plan.id(), "host-d:4", breach));
			long won = 0;
			for (Future<Boolean> result : pool.invokeAll(aborts)) {
				won += result.get() ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.plans.find(plan.id()).orElseThrow().state()).isEqualTo(ReleaseState.ABORTED);
		assertThat(this.plans.audit(cascade, 10)).extracting(ReleaseAuditEntry::action)
			.containsExactly(ReleaseAction.ABORT, ReleaseAction.START);
		assertThat(this.registry.getActive(cascade).orElseThrow().version().version()).isEqualTo(1);
		ReleasePlan next = this.plans.start(
				new ReleaseRequest(cascade, 2, ReleaseMode.SHADOW, 1, ReleaseBounds.DEFAULT, "alice", "shadow again"));
		assertThat(this.plans.list(cascade, 10)).extracting(ReleasePlan::id).containsExactly(next.id(), plan.id());
		assertThat(this.plans.abort(cascade, null, "alice", "enough").state()).isEqualTo(ReleaseState.ABORTED);
	}

	private static ReleaseReport report(String instance, ReleasePlan plan, int version, ReleaseRole role, long requests,
			long errors, Instant at) {
		long inputs = 2 * requests;
		return new ReleaseReport(instance, plan.id(), version, role, requests, inputs, errors, 0, inputs,
				inputs - inputs / 10,
				List.of(new ReleaseReport.TierCounts(inputs, inputs * 3 / 4, inputs * 3 / 4 - inputs / 10),
						new ReleaseReport.TierCounts(inputs / 4, inputs / 4, inputs / 4)),
				1_000_000 * inputs, at);
	}

	private String twoVersionCascade() {
		String name = RegistryScenarios.unique("release");
		for (double threshold : new double[] { 0.7, 0.8 }) {
			ModelVersion small = classifier();
			ModelVersion large = classifier();
			this.registry.createCascadeVersion(new NewCascadeVersion(name,
					List.of(new NewTier(small.key(), new Gate(threshold, ConfidenceMeasure.MARGIN, 1.0), 32, 5),
							new NewTier(large.key(), null, 8, 20)),
					"threshold " + threshold, "alice"));
		}
		this.registry.activate(ActivationRequest.of(name, 1, "alice", "first"));
		return name;
	}

	private ModelVersion classifier() {
		return classifier(RegistryScenarios.LABELS);
	}

	private ModelVersion classifier(List<Label> labels) {
		return this.registry
			.registerModelVersion(new NewModelVersion(RegistryScenarios.unique("model"), "onnx-classifier",
					Map.of(ArtifactRole.MODEL, RegistryScenarios.artifact(RegistryScenarios.CLASSIFIER_URI),
							ArtifactRole.TOKENIZER, RegistryScenarios.artifact(RegistryScenarios.TOKENIZER_URI)),
					labels, 128, null, Map.of(), "test classifier", "alice"));
	}

	/** Registers a version of a cascade whose two tiers answer with these labels. */
	private int versionWithLabels(String cascade, List<Label> labels) {
		return this.registry
			.createCascadeVersion(new NewCascadeVersion(cascade,
					List.of(new NewTier(classifier(labels).key(), new Gate(0.8, ConfidenceMeasure.MARGIN, 1.0), 32, 5),
							new NewTier(classifier(labels).key(), null, 8, 20)),
					"labels " + labels, "alice"))
			.version();
	}

}
