package dev.tango.api.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tango.api.ApiProperties;
import dev.tango.api.testsupport.KeywordServingTest;
import dev.tango.api.testsupport.KeywordTier;
import dev.tango.api.testsupport.TestCascades;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.RequestOptions;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

@ExtendWith(OutputCaptureExtension.class)
class CascadeServerTest extends KeywordServingTest {

	private static final String OTHER = "topics";

	private CascadeServer server;

	@BeforeEach
	void setUp() {
		register(TestCascades.version(NAME, 1, 0.9));
		this.server = newServer(TestCascades.properties(64));
	}

	@AfterEach
	void tearDown() {
		this.server.stop();
	}

	private void register(CascadeVersion version) {
		this.versions.put(version.version(), version);
	}

	private void startServing(int version) {
		activeIs(version);
		this.server.start();
		await().atMost(Duration.ofSeconds(10)).until(this.server::ready);
	}

	private BatchingResult classify(String... texts) throws Exception {
		return submit(texts).result().get(10, TimeUnit.SECONDS);
	}

	private CascadeServer.Submission submit(String... texts) {
		return this.server.submit(this.server.require(NAME, null), null,
				List.of(texts).stream().map(TextInput::of).toList(), RequestOptions.defaults());
	}

	@Test
	void servesTheActiveVersionOnceWarmedUp() throws Exception {
		startServing(1);
		BatchingResult result = classify("good good good", "bad", "good bad");
		assertThat(result.predictions()).extracting(Prediction::label)
			.containsExactly("positive", "negative", "negative");
		// Tier 0 is sure of the first only (two keywords ahead); the others go to tier 1.
		assertThat(result.predictions()).extracting(Prediction::tier).containsExactly(0, 1, 1);
		CascadeStatus status = this.server.status(NAME).orElseThrow();
		assertThat(status.state()).isEqualTo(CascadeState.SERVING);
		assertThat(status.servedVersion()).isEqualTo(1);
		assertThat(status.tiers()).containsExactly("weak-v1", "strong-v1");
		List<KeywordTier> tiers = this.loader.tiers(NAME, 1);
		// Warm-up: every tier saw the warm-up inputs alone and as a batch before serving.
		assertThat(tiers).allSatisfy((tier) -> assertThat(tier.calls()).isGreaterThanOrEqualTo(2));
		assertThat(this.meters.get("tango.cascade.version").tag("cascade", NAME).gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("tango.answers").tag("tier", "0").counter().count()).isPositive();
	}

	@Test
	void switchesToAnActivatedVersionWhileTheOldOneFinishesWhatItAdmitted() throws Exception {
		startServing(1);
		KeywordTier oldWeak = this.loader.tiers(NAME, 1).get(0);
		CountDownLatch started = oldWeak.hold();
		CascadeServer.Submission inFlight = submit("good good good");
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		register(TestCascades.version(NAME, 2, 0.0));
		this.changes.activate(NAME, 1, 2, 2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().servedVersion(), (served) -> served == 2);
		// New requests go to version 2, whose threshold 0 lets tier 0 answer everything.
		CascadeServer.Submission next = submit("bad", "good bad");
		assertThat(next.served().versionNumber()).isEqualTo(2);
		assertThat(next.result().get(5, TimeUnit.SECONDS).predictions()).extracting(Prediction::tier)
			.containsExactly(0, 0);
		// The request admitted by version 1 is answered by version 1's tiers after the
		// swap.
		assertThat(inFlight.result()).isNotDone();
		assertThat(oldWeak.isClosed()).isFalse();
		oldWeak.release();
		assertThat(inFlight.result().get(5, TimeUnit.SECONDS).predictions()).singleElement()
			.satisfies((p) -> assertThat(p.label()).isEqualTo("positive"));
		assertThat(inFlight.served().versionNumber()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loader.tiers(NAME, 1).stream().allMatch(KeywordTier::isClosed));
		assertThat(this.loader.tiers(NAME, 2)).noneMatch(KeywordTier::isClosed);
	}

	/**
	 * A release plan's candidate that fails to load says why and how many times in a row,
	 * each retry that fails again counting, for the follower to abort the plan, until
	 * another candidate is wanted or it loads.
	 */
	@Test
	void aCandidateThatFailsToLoadSaysWhyUntilItLoads() {
		ApiProperties settings = TestCascades.properties(64);
		this.server.stop();
		this.server = newServer(new ApiProperties(settings.defaultCascade(), settings.requestTimeout(),
				settings.drainTimeout(), Duration.ofMillis(200), settings.disconnectCheckInterval(), settings.limits(),
				settings.batching(), settings.admission(), settings.servingReports(), settings.warmup(),
				settings.auth()));
		startServing(1);
		register(TestCascades.version(NAME, 2, 0.5));
		this.loader.fail(2);
		this.server.follow(NAME, 2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.candidateFailure(NAME, 2).filter((failed) -> failed.attempts() >= 2).isPresent());

		assertThat(this.server.candidateFailure(NAME, 2).orElseThrow().last().message())
			.contains(NAME, "version 2", "tier 0", "failed to load")
			.doesNotContain(TestCascades.Loader.MISSING_FILE);
		assertThat(this.server.candidateFailure(NAME, 3)).isEmpty();
		assertThat(this.server.candidateFailure(OTHER, 2)).isEmpty();
		assertThat(this.server.candidate(NAME)).isEmpty();
		assertThat(this.server.status(NAME).orElseThrow().state()).as("the active version serves on")
			.isEqualTo(CascadeState.SERVING);

		this.server.follow(NAME, 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.candidateFailure(NAME, 2).isEmpty());
		this.loader.recover(2);
		this.server.follow(NAME, 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.candidate(NAME).isPresent());
		assertThat(this.server.candidateFailure(NAME, 2)).isEmpty();
	}

	@Test
	void keepsServingTheOldVersionWhenTheNewOneFailsToLoad() throws Exception {
		startServing(1);
		register(TestCascades.version(NAME, 2, 0.5));
		this.loader.fail(2);
		this.changes.activate(NAME, 1, 2, 2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().state() == CascadeState.STALE);
		CascadeStatus status = this.server.status(NAME).orElseThrow();
		assertThat(status.servedVersion()).isEqualTo(1);
		assertThat(status.activeVersion()).isEqualTo(2);
		assertThat(status.lastFailure()).isNotNull();
		assertThat(status.lastFailure().version()).isEqualTo(2);
		assertThat(status.lastFailure().message()).contains(NAME, "version 2", "tier 0", "failed to load")
			.doesNotContain(TestCascades.Loader.MISSING_FILE);
		assertThat(this.meters.get("tango.cascade.fallback").tag("cascade", NAME).gauge().value()).isEqualTo(1);
		assertThat(this.server.ready()).isTrue();
		assertThat(this.meters.get("tango.model.load.failures").tag("cascade", NAME).counter().count()).isEqualTo(1);
		assertThat(submit("good").served().versionNumber()).isEqualTo(1);
		assertThat(CascadesHealthContributor.health(status).getStatus().getCode()).isEqualTo("UP");
		assertThat(CascadesHealthContributor.health(status).getDetails()).containsKey("lastLoadFailure");

		// Rolled back to the version that serves: the failure no longer describes the
		// cascade.
		this.changes.activate(NAME, 2, 1, 3);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().state() == CascadeState.SERVING);
		CascadeStatus rolledBack = this.server.status(NAME).orElseThrow();
		assertThat(rolledBack.lastFailure()).isNull();
		assertThat(CascadesHealthContributor.health(rolledBack).getDetails()).doesNotContainKey("lastLoadFailure");
		assertThat(this.meters.get("tango.model.load.failures").tag("cascade", NAME).counter().count())
			.as("the metric keeps the count")
			.isEqualTo(1);
	}

	@Test
	void reportsAFailedFirstLoadAsNotReady() {
		this.loader.fail(1);
		activeIs(1);
		this.server.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).map(CascadeStatus::state).orElse(null) == CascadeState.FAILED);
		assertThat(this.server.ready()).isFalse();
		assertThatThrownBy(() -> submit("good")).isInstanceOf(CascadeNotReadyException.class)
			.hasMessageContaining("failed to load")
			.message()
			.doesNotContain(TestCascades.Loader.MISSING_FILE);
		assertThat(CascadesHealthContributor.health(this.server.status(NAME).orElseThrow()).getStatus().getCode())
			.isEqualTo("FAILED");
	}

	@Test
	void aCascadeThatFailsToLoadDoesNotKeepTheOthersFromServing() throws Exception {
		CascadeVersion broken = TestCascades.version(OTHER, 2, 0.9);
		given(this.registry.findCascadeVersion(eq(OTHER), anyInt())).willReturn(Optional.of(broken));
		given(this.registry.listCascadeVersions(OTHER)).willReturn(List.of(broken));
		this.loader.fail(2);
		given(this.registry.listActive())
			.willReturn(List.of(new ActiveCascade(this.versions.get(1), 1, Instant.now(), "test"),
					new ActiveCascade(broken, 1, Instant.now(), "test")));
		this.server.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(OTHER).map(CascadeStatus::state).orElse(null) == CascadeState.FAILED
					&& this.server.status(NAME).map(CascadeStatus::state).orElse(null) == CascadeState.SERVING);
		assertThat(this.server.ready()).isTrue();
		assertThat(classify("good good good").predictions()).singleElement()
			.satisfies((p) -> assertThat(p.label()).isEqualTo("positive"));
		assertThatThrownBy(() -> this.server.require(OTHER, null)).isInstanceOf(CascadeNotReadyException.class)
			.message()
			.doesNotContain(TestCascades.Loader.MISSING_FILE);
		assertThat(this.server.statuses())
			.allSatisfy((status) -> assertThat(CascadesHealthContributor.health(status).getDetails().toString())
				.doesNotContain(TestCascades.Loader.MISSING_FILE));
	}

	@Test
	void fallsBackOnStartToTheNewestOlderVersionThatLoads(CapturedOutput output) throws Exception {
		register(TestCascades.version(NAME, 2, 0.9));
		register(TestCascades.version(NAME, 3, 0.9));
		register(TestCascades.version(NAME, 4, 0.9));
		this.loader.fail(4);
		this.loader.fail(3);
		CascadeStatus status = serveRetrying(4);
		assertThat(status.state()).isEqualTo(CascadeState.FALLBACK);
		assertThat(status.activeVersion()).isEqualTo(4);
		assertThat(status.servedVersion()).isEqualTo(2);
		assertThat(status.lastFailure().version()).isEqualTo(4);
		assertThat(submit("good").served().versionNumber()).isEqualTo(2);
		assertThat(CascadesHealthContributor.health(status).getStatus().getCode()).isEqualTo("UP");
		assertThat(CascadesHealthContributor.health(status).getDetails()).containsEntry("state", "FALLBACK");
		assertThat(this.meters.get("tango.cascade.fallback").tag("cascade", NAME).gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("tango.cascade.version").tag("cascade", NAME).gauge().value()).isEqualTo(2);
		// logged once version 2 serves, so maybe after the server is ready
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains(
					"Cascade sentiment version 4 failed to load; version 2, the newest that loads, serves instead"));

		// Rolled back to the version that stands in, it serves as the active one; a new
		// failure of version 4 then leaves it serving as stale, not as a stand-in.
		this.changes.activate(NAME, 4, 2, 10);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().state() == CascadeState.SERVING);
		assertThat(this.meters.get("tango.cascade.fallback").tag("cascade", NAME).gauge().value()).isEqualTo(0);
		this.changes.activate(NAME, 2, 4, 11);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().state() == CascadeState.STALE);

		// The active version is tried again, and serves once it loads.
		this.loader.recover(4);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().state() == CascadeState.SERVING);
		assertThat(this.server.status(NAME).orElseThrow().servedVersion()).isEqualTo(4);
		assertThat(this.meters.get("tango.cascade.fallback").tag("cascade", NAME).gauge().value()).isEqualTo(0);
	}

	@Test
	void aVersionThatRunsOutOfMemoryFailsToLoadAndIsTriedAgain() {
		register(TestCascades.version(NAME, 2, 0.9));
		this.loader.exhaust(2);
		CascadeStatus status = serveRetrying(2);
		assertThat(status.state()).isEqualTo(CascadeState.FALLBACK);
		assertThat(status.servedVersion()).isEqualTo(1);
		assertThat(status.lastFailure().message()).contains("version 2 failed to load (OutOfMemoryError)");

		this.loader.recover(2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.status(NAME).orElseThrow().state() == CascadeState.SERVING);
		assertThat(this.server.status(NAME).orElseThrow().servedVersion()).isEqualTo(2);
	}

	/**
	 * Serves an active version through a new server that tries loading again every 200
	 * ms, over a registry that lists the registered versions.
	 * @return the cascade's status once the server is ready
	 */
	private CascadeStatus serveRetrying(int active) {
		given(this.registry.listCascadeVersions(NAME)).willAnswer((call) -> this.versions.values()
			.stream()
			.sorted(Comparator.comparing(CascadeVersion::version))
			.toList());
		ApiProperties settings = TestCascades.properties(64);
		this.server = newServer(new ApiProperties(settings.defaultCascade(), settings.requestTimeout(),
				settings.drainTimeout(), Duration.ofMillis(200), settings.disconnectCheckInterval(), settings.limits(),
				settings.batching(), settings.admission(), settings.servingReports(), settings.warmup(),
				settings.auth()));
		startServing(active);
		return this.server.status(NAME).orElseThrow();
	}

	@Test
	void admitsWithinTheConfiguredReserveOfTheRequestTimeout() throws Exception {
		ApiProperties settings = TestCascades.properties(64);
		this.server.stop();
		// A reserve of all but a billionth of the 10 s timeout leaves 10 ns for the work:
		// less than any measured tier call takes.
		this.server = newServer(new ApiProperties(settings.defaultCascade(), settings.requestTimeout(),
				settings.drainTimeout(), settings.loadRetryInterval(), settings.disconnectCheckInterval(),
				settings.limits(), settings.batching(), new ApiProperties.Admission(1 - 1e-9),
				settings.servingReports(), settings.warmup(), settings.auth()));
		startServing(1);
		assertThat(this.server.require(NAME, null).batcher().costPerUnitNanos(0)).isPositive();
		// With nothing ahead a request is admitted whatever its estimate; with a request
		// held
		// in the first tier, the next does not fit in 10 ns.
		KeywordTier weak = this.loader.tiers(NAME, 1).get(0);
		CountDownLatch started = weak.hold();
		CompletableFuture<BatchingResult> ahead = submit("good good good").result();
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(() -> submit("good")).isInstanceOfSatisfying(RequestRejectedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(RequestRejectedException.Reason.OVERLOADED));
		weak.release();
		assertThat(ahead.get(10, TimeUnit.SECONDS).predictions()).hasSize(1);
		// The default half of the timeout admits the same request behind the same one.
		this.server.stop();
		this.server = newServer(settings);
		startServing(1);
		KeywordTier held = this.loader.tiers(NAME, 1).get(0);
		CountDownLatch holding = held.hold();
		CompletableFuture<BatchingResult> first = submit("good good good").result();
		assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<BatchingResult> second = submit("good").result();
		held.release();
		assertThat(first.get(10, TimeUnit.SECONDS).predictions()).hasSize(1);
		assertThat(second.get(10, TimeUnit.SECONDS).predictions()).hasSize(1);
	}

	@Test
	void waitsForTheRegistryBeforeItIsReady() {
		given(this.registry.listActive()).willThrow(new IllegalStateException("database unreachable"))
			.willReturn(List.of(new ActiveCascade(this.versions.get(1), 1, Instant.now(), "test")));
		this.server.start();
		assertThat(this.server.ready()).isFalse();
		assertThatThrownBy(() -> this.server.require("other", null)).isInstanceOf(CascadeNotReadyException.class);
		await().atMost(Duration.ofSeconds(20)).until(this.server::ready);
		assertThat(this.server.syncFailure()).isEmpty();
		assertThat(this.meters.get("tango.registry.read.failures").counter().count()).isEqualTo(1);
	}

	@Test
	void refusesUnknownCascadesAndOtherVersions() {
		startServing(1);
		assertThatThrownBy(() -> this.server.require("other", null)).isInstanceOf(CascadeNotFoundException.class)
			.hasMessageContaining("other");
		assertThatThrownBy(() -> this.server.require(NAME, "2")).isInstanceOf(VersionNotServedException.class)
			.hasMessageContaining("serves version 1");
		assertThat(this.server.require(NAME, "1").versionNumber()).isEqualTo(1);
	}

	@Test
	void stopDrainsAdmittedRequestsThenClosesTheTiers() throws Exception {
		startServing(1);
		KeywordTier weak = this.loader.tiers(NAME, 1).get(0);
		CountDownLatch started = weak.hold();
		CompletableFuture<BatchingResult> inFlight = submit("good good good").result();
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		Thread stopper = Thread.ofPlatform().start(this.server::stop);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.server.ready());
		assertThatThrownBy(() -> submit("good")).isInstanceOfAny(CascadeNotReadyException.class,
				RequestRejectedException.class);
		weak.release();
		stopper.join(10_000);
		assertThat(inFlight.get(1, TimeUnit.SECONDS).predictions()).hasSize(1);
		assertThat(this.loader.tiers(NAME, 1)).allMatch(KeywordTier::isClosed);
		assertThat(this.server.isRunning()).isFalse();
	}

	@Test
	void servesAgainWhenStartedAfterAStop() throws Exception {
		startServing(1);
		this.server.stop();
		assertThat(this.loader.tiers(NAME, 1)).allMatch(KeywordTier::isClosed);
		assertThat(this.server.isPauseable()).isFalse();
		this.server.start();
		await().atMost(Duration.ofSeconds(10)).until(this.server::ready);
		assertThat(classify("good good good").predictions()).singleElement()
			.satisfies((p) -> assertThat(p.label()).isEqualTo("positive"));
		assertThat(this.loader.tiers(NAME, 1)).noneMatch(KeywordTier::isClosed);
	}

}
