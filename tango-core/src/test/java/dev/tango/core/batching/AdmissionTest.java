package dev.tango.core.batching;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tango.core.tier.TextInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The admission estimate, fed measurements by hand.
 */
class AdmissionTest {

	private static final long MS = 1_000_000;

	/** Inputs of one unit each. */
	private static Work work(long inputs) {
		return new Work(inputs, inputs);
	}

	@Test
	void admitsEverythingUntilACostIsMeasured() {
		Admission admission = new Admission(new int[] { 1, 1 }, new int[] { 32, 32 }, 0.2, 512);
		admission.queued(0, work(1000));
		assertThat(admission.backlogNanos()).isZero();
		assertThat(admission.refusal(work(256), MS)).isNull();
		assertThat(admission.retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void countsTheWorkEachStageWillStillDoIncludingEscalations() {
		Admission admission = new Admission(new int[] { 1, 1 }, new int[] { 32, 32 }, 0.2, 512);
		// Stage 0: 10 inputs in 10 ms, 5 escalated; stage 1: 5 inputs in 50 ms.
		admission.measured(0, 10, 10 * MS, 5);
		admission.measured(1, 5, 50 * MS, 0);
		assertThat(admission.nanosPerUnit(0)).isEqualTo(1.0 * MS);
		assertThat(admission.escalation(0)).isEqualTo(0.5);
		assertThat(admission.nanosPerUnit(1)).isEqualTo(10.0 * MS);
		assertThat(admission.escalation(1)).isZero();
		admission.queued(0, work(100));
		// 100 inputs at 1 ms, and the 50 of them expected at stage 1 at 10 ms.
		assertThat(admission.backlogNanos()).isCloseTo(600.0 * MS, within(1.0));
		admission.queued(1, work(20));
		assertThat(admission.backlogNanos()).isCloseTo(800.0 * MS, within(1.0));
		admission.done(0, work(100));
		assertThat(admission.backlogNanos()).isCloseTo(200.0 * MS, within(1.0));
	}

	@Test
	void escalatesEverythingUntilTheEscalationRateIsMeasured() {
		Admission admission = new Admission(new int[] { 1, 1 }, new int[] { 32, 32 }, 0.2, 512);
		admission.measured(1, 1, 10 * MS, 0);
		admission.queued(0, work(10));
		assertThat(admission.escalation(0)).isEqualTo(1.0);
		assertThat(admission.backlogNanos()).isCloseTo(100.0 * MS, within(1.0));
	}

	@Test
	void dividesEachStagesWorkAmongItsWorkers() {
		Admission admission = new Admission(new int[] { 2, 4 }, new int[] { 32, 32 }, 0.2, 512);
		admission.measured(0, 1, 4 * MS, 1);
		admission.measured(1, 1, 8 * MS, 0);
		admission.queued(0, work(10));
		assertThat(admission.backlogNanos()).isCloseTo((10 * 4.0 / 2 + 10 * 8.0 / 4) * MS, within(1.0));
	}

	@Test
	void theEscalationRateGivesANewCallAWeightOfOneEighth() {
		Admission admission = new Admission(new int[] { 1, 1 }, new int[] { 32, 32 }, 0.2, 512);
		admission.measured(0, 1, 8 * MS, 1);
		admission.measured(0, 1, 16 * MS, 0);
		assertThat(admission.escalation(0)).isCloseTo(1 - 1.0 / 8, within(1e-9));
	}

	@Test
	void countsACallPerBatchOfInputsBesideTheirUnits() {
		Admission admission = new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, 512);
		for (int i = 0; i < 40; i++) {
			long units = 20 + 45 * (i % 5);
			admission.measured(0, units, 5 * MS + units * MS / 10, 0);
		}
		assertThat(admission.nanosPerCall(0)).isCloseTo(5.0 * MS, within(1.0));
		assertThat(admission.nanosPerUnit(0)).isCloseTo(0.1 * MS, within(1e-3));
		// Eight long inputs are one call: 5 ms, and 200 ms for their 2,000 units.
		admission.queued(0, new Work(8, 2000));
		assertThat(admission.backlogNanos()).isCloseTo(205.0 * MS, within(10.0));
		// 64 inputs are two calls at batch size 32.
		admission.queued(0, new Work(56, 0));
		assertThat(admission.backlogNanos()).isCloseTo(210.0 * MS, within(10.0));
		// A request of one input of 46 units adds a call and 4.6 ms: it fits in 275 ms
		// (80% of which is 220 ms), not in 270 ms.
		assertThat(admission.refusal(new Work(1, 46), 275 * MS)).isNull();
		assertThat(admission.refusal(new Work(1, 46), 270 * MS)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aFewInputsExpectedToBeEscalatedCountForAShareOfACall() {
		Admission admission = new Admission(new int[] { 1, 1 }, new int[] { 32, 32 }, 0.2, 512);
		admission.measured(0, 100, 10 * MS, 5);
		feedCallsOfSpreadSizes(admission, 1);
		admission.queued(0, new Work(1, 100));
		// Stage 0: 100 units at 0.1 ms. Stage 1: 0.05 of an input expected, so 0.05 of
		// a 5 ms call, and 5 units at 0.1 ms; not a whole call.
		assertThat(admission.backlogNanos()).isCloseTo((10 + 0.05 * 5 + 0.5) * MS, within(10.0));
	}

	@Test
	void fewerCallsThanWorkersTakeTheTimeOfOneCallAndShareTheirWork() {
		Admission admission = new Admission(new int[] { 4 }, new int[] { 32 }, 0.2, 512);
		feedCallsOfSpreadSizes(admission, 0);
		admission.queued(0, new Work(8, 2000));
		// One call of 5 ms, which no other worker can take a share of, and 200 ms of
		// work shared among 4 workers.
		assertThat(admission.backlogNanos()).isCloseTo((5 + 50.0) * MS, within(10.0));
		admission.queued(0, new Work(248, 0));
		// 256 inputs are 8 calls, two rounds of the 4 workers.
		assertThat(admission.backlogNanos()).isCloseTo((10 + 50.0) * MS, within(10.0));
	}

	/** Calls of 20 to 200 units that take 5 ms and 0.1 ms per unit. */
	private static void feedCallsOfSpreadSizes(Admission admission, int stage) {
		for (int i = 0; i < 40; i++) {
			long units = 20 + 45 * (i % 5);
			admission.measured(stage, units, 5 * MS + units * MS / 10, 0);
		}
	}

	@Test
	void admitsWhatFitsBeforeTheDeadlineLessTheMarginAndRefusesTheRestWithAnHonestWait() {
		Admission admission = new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, 512);
		admission.measured(0, 1, 10 * MS, 0);
		admission.queued(0, work(79));
		// 79 queued and 1 own input at 10 ms: 800 ms, exactly 80% of one second.
		assertThat(admission.refusal(work(1), 1000 * MS)).isNull();
		assertThat(admission.refusal(work(2), 1000 * MS)).isEqualTo(Duration.ofSeconds(1));
		admission.queued(0, work(500));
		// 5.8 s of work against a budget of 0.8 s: about 5 s until such a request fits.
		assertThat(admission.refusal(work(1), 1000 * MS)).isEqualTo(Duration.ofSeconds(5));
		assertThat(admission.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		admission.queued(0, work(100_000));
		assertThat(admission.refusal(work(1), 1000 * MS)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void admitsARequestTooLargeForItsBudgetWhenNothingIsAheadAndOtherwiseSaysWhenNothingWillBe() {
		Admission admission = new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, 512);
		admission.measured(0, 1, 10 * MS, 0);
		// 2 s of own work against a budget of 0.8 s: no wait would make it fit.
		assertThat(admission.refusal(work(200), 1000 * MS)).isNull();
		admission.queued(0, work(150));
		// 1.5 s ahead: it is refused until they are done.
		assertThat(admission.refusal(work(200), 1000 * MS)).isEqualTo(Duration.ofSeconds(2));
		admission.done(0, work(150));
		assertThat(admission.refusal(work(200), 1000 * MS)).isNull();
	}

	@Test
	void aSmallerReserveAdmitsWhatALargerOneRefuses() {
		Admission half = new Admission(new int[] { 1 }, new int[] { 32 }, 0.5, 512);
		Admission smaller = new Admission(new int[] { 1 }, new int[] { 32 }, 0.3, 512);
		for (Admission admission : new Admission[] { half, smaller }) {
			admission.measured(0, 1, 10 * MS, 0);
			admission.queued(0, work(59));
		}
		// 600 ms of work: more than half of one second, within 70% of it.
		assertThat(half.refusal(work(1), 1000 * MS)).isEqualTo(Duration.ofSeconds(1));
		assertThat(smaller.refusal(work(1), 1000 * MS)).isNull();
		// 720 ms of work is past 70% of the second.
		smaller.queued(0, work(12));
		assertThat(smaller.refusal(work(1), 1000 * MS)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aWorkersTallyCountsEachInputDoneOnce() {
		Admission admission = new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, 512);
		admission.queued(0, work(10));
		Admission.Taken taken = admission.taken(0, work(6));
		taken.release(work(4));
		assertThat(admission.pending(0)).isEqualTo(6);
		taken.release(work(5));
		assertThat(admission.pending(0)).isEqualTo(4);
		taken.releaseRest();
		assertThat(admission.pending(0)).isEqualTo(4);
	}

	@Test
	void anInputsWorkIsItsCharactersUpToTheTokenLimitsCapPlusAFixedAmount() {
		Admission admission = new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, 100);
		assertThat(admission.work(TextInput.of(""))).isEqualTo(Admission.PER_INPUT);
		assertThat(admission.work(TextInput.of("a short text"))).isEqualTo(12 + Admission.PER_INPUT);
		assertThat(admission.work(TextInput.pair("premise", "hypothesis"))).isEqualTo(17 + Admission.PER_INPUT);
		// 100 tokens are taken for 500 characters: what is longer is truncated.
		assertThat(admission.work(TextInput.of("x".repeat(10_000)))).isEqualTo(500 + Admission.PER_INPUT);
		Admission whole = new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, Integer.MAX_VALUE);
		assertThat(whole.work(TextInput.of("x".repeat(10_000)))).isEqualTo(10_000 + Admission.PER_INPUT);
	}

	@Test
	void refusesAMarginOutsideZeroToOneNoWorkersNoBatchAndNoTokens() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Admission(new int[] { 1 }, new int[] { 32 }, 1.0, 512));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Admission(new int[] { 1 }, new int[] { 32 }, -0.1, 512));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Admission(new int[] { 0 }, new int[] { 32 }, 0.2, 512));
		assertThatIllegalArgumentException().isThrownBy(() -> new Admission(new int[] { 1 }, new int[] { 32 }, 0.2, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Admission(new int[] { 1 }, new int[] { 0 }, 0.2, 512));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Admission(new int[] { 1, 1 }, new int[] { 32 }, 0.2, 512));
	}

}
