package dev.tango.api.release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import dev.tango.api.serving.CandidateLoadFailure;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.LoadFailure;
import dev.tango.api.serving.ServingReporter;
import dev.tango.api.testsupport.TestCascades;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseReports;
import dev.tango.models.release.ReleaseRole;
import dev.tango.models.release.ReleaseState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The follower judges a canary on the sum of every instance's reports: a canary whose few
 * requests here stay under {@code minRequests} is aborted when the instances together
 * leave its bounds, with the measured rate in the reason, and left running while they do
 * not or while the reports cannot be read; a plan whose candidate keeps failing to load
 * here is aborted with the failure as the reason (the server's side of that is
 * {@code CascadeServerTest}).
 */
class ReleaseFollowerTest {

	private static final String NAME = "sentiment";

	private static final ReleasePlan PLAN = new ReleasePlan(11, NAME, 1, 2, ReleaseMode.CANARY, 0.1,
			new ReleaseBounds(0.2, 0.5, 20), ReleaseState.RUNNING, Instant.now(), "alice", null);

	private final ReleasePlans plans = mock(ReleasePlans.class);

	private final ReleaseReports reports = mock(ReleaseReports.class);

	private final CascadeServer server = mock(CascadeServer.class);

	private final ServingReporter reporter = mock(ServingReporter.class);

	private ReleaseFollower follower;

	@BeforeEach
	void setUp() {
		given(this.plans.running()).willReturn(List.of(PLAN));
		given(this.reporter.instance()).willReturn("host-a:1");
		ReleaseRouter router = new ReleaseRouter(this.server, TestCascades.properties(64), new SimpleMeterRegistry());
		this.follower = new ReleaseFollower(this.plans, this.reports, router, this.server, this.reporter,
				TestCascades.Changes::new, new ReleaseProperties(Duration.ofSeconds(1)));
	}

	@Test
	void aCanarySpreadOverInstancesIsAbortedWhenTheirSumLeavesTheBounds() {
		// Ten instances with three requests each: none reaches minRequests alone.
		given(this.reports.totals(PLAN.id()))
			.willReturn(List.of(total(ReleaseRole.ACTIVE, 300, 0, 0), total(ReleaseRole.CANDIDATE, 30, 9, 0)));
		given(this.plans.abortIfRunning(anyLong(), anyString(), anyString())).willReturn(true);
		this.follower.tick();
		verify(this.plans).abortIfRunning(PLAN.id(), "host-a:1", "automatic abort: the candidate's error rate 0.300 "
				+ "exceeds the bound 0.200 after 30 requests, summed over all instances");
	}

	/**
	 * A candidate that failed to load here is aborted once a retry failed too, the latest
	 * failure since this instance followed the plan: not on a first failure, which may
	 * pass, nor on failures left from an earlier plan of the same version.
	 */
	@Test
	void aCandidateThatKeepsFailingToLoadHereIsAbortedSayingWhy() {
		given(this.reports.totals(PLAN.id())).willReturn(List.of());
		Instant beforeFollowing = Instant.now().minusSeconds(60);
		given(this.server.candidateFailure(NAME, PLAN.candidateVersion()))
			.willReturn(Optional.of(failure(1, Instant.now().plusSeconds(1))));
		this.follower.tick();
		given(this.server.candidateFailure(NAME, PLAN.candidateVersion()))
			.willReturn(Optional.of(failure(3, beforeFollowing)));
		this.follower.tick();
		verify(this.plans, never()).abortIfRunning(anyLong(), anyString(), anyString());

		given(this.server.candidateFailure(NAME, PLAN.candidateVersion()))
			.willReturn(Optional.of(failure(2, Instant.now().plusSeconds(1))));
		this.follower.tick();
		verify(this.plans).abortIfRunning(PLAN.id(), "host-a:1", "automatic abort: Cascade sentiment version 2, "
				+ "tier 1 failed to load (NoSuchFileException); the service's log has the details (2 attempts in a "
				+ "row on this instance)");
	}

	private static CandidateLoadFailure failure(int attempts, Instant at) {
		return new CandidateLoadFailure(new LoadFailure(2, "Cascade sentiment version 2, tier 1 failed to load "
				+ "(NoSuchFileException); the service's log has the details", at), attempts);
	}

	@Test
	void escalationSummedOverInstancesIsJudgedToo() {
		given(this.reports.totals(PLAN.id())).willReturn(List.of(total(ReleaseRole.CANDIDATE, 25, 0, 36)));
		this.follower.tick();
		verify(this.plans).abortIfRunning(eq(PLAN.id()), eq("host-a:1"),
				eq("automatic abort: the candidate's escalation rate 0.720 past the first tier exceeds the bound "
						+ "0.500 after 50 inputs, summed over all instances"));
	}

	@Test
	void aCanaryWithinItsBoundsOrWithUnreadableReportsGoesOn() {
		given(this.reports.totals(PLAN.id())).willReturn(List.of(total(ReleaseRole.CANDIDATE, 30, 3, 10)));
		this.follower.tick();
		given(this.reports.totals(PLAN.id())).willThrow(new DataAccessResourceFailureException("database down"));
		this.follower.tick();
		verify(this.plans, never()).abortIfRunning(anyLong(), anyString(), anyString());
		assertThat(this.follower.isRunning()).isFalse();
	}

	/**
	 * Requests of two inputs each, {@code escalated} of them reaching the second tier.
	 */
	private static ReleaseReport total(ReleaseRole role, long requests, long errors, long escalated) {
		long inputs = 2 * requests;
		return new ReleaseReport("*", PLAN.id(), (role == ReleaseRole.CANDIDATE) ? 2 : 1, role, requests, inputs,
				errors, 0, 0, 0, List.of(new ReleaseReport.TierCounts(inputs, inputs - escalated, 0),
						new ReleaseReport.TierCounts(escalated, escalated, 0)),
				0, Instant.now());
	}

}
