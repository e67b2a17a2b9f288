package dev.tango.core.batching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A stage's costs per call and per unit, fitted to calls fed by hand.
 */
class CallCostTest {

	private static final long MS = 1_000_000;

	@Test
	void isFreeUntilACallIsMeasured() {
		CallCost cost = new CallCost();
		assertThat(cost.fit()).isEqualTo(new CallCost.Fit(0, 0));
	}

	@Test
	void tellsTheCostOfACallFromTheCostOfItsUnitsWhenCallSizesSpread() {
		CallCost cost = new CallCost();
		for (int i = 0; i < 40; i++) {
			long units = 20 + 45 * (i % 5);
			cost.add(units, 5 * MS + units * MS / 10);
		}
		assertThat(cost.fit().perCall()).isCloseTo(5.0 * MS, within(1.0));
		assertThat(cost.fit().perUnit()).isCloseTo(0.1 * MS, within(1e-3));
		// One call of 2,000 units: 5 ms for the call and 200 ms for the units, where
		// a cost per unit alone, learned from these calls, would say 2000 * 5.1 / 110 ms.
		assertThat(cost.fit().nanos(1, 2000)).isCloseTo(205.0 * MS, within(10.0));
	}

	@Test
	void countsAllTheCostPerUnitWhileCallSizesAreAlike() {
		CallCost cost = new CallCost();
		cost.add(1, 8 * MS);
		assertThat(cost.fit()).isEqualTo(new CallCost.Fit(0, 8.0 * MS));
		cost.add(1, 16 * MS);
		// The older call weighs 15/16 of the newer one.
		double expected = (8.0 * 15 / 16 + 16) / (15.0 / 16 + 1) * MS;
		assertThat(cost.fit().perUnit()).isCloseTo(expected, within(1.0));
		assertThat(cost.fit().perCall()).isZero();
	}

	@Test
	void countsAllTheCostPerUnitWhenTheLineWouldGiveACallANegativeCost() {
		CallCost cost = new CallCost();
		cost.add(100, 1 * MS);
		cost.add(200, 10 * MS);
		assertThat(cost.fit().perCall()).isZero();
		assertThat(cost.fit().perUnit()).isCloseTo((1.0 * 15 / 16 + 10) / (100.0 * 15 / 16 + 200) * MS, within(1.0));
	}

	@Test
	void countsAllTheCostPerUnitWhenLargerCallsTookNoLonger() {
		CallCost cost = new CallCost();
		cost.add(20, 10 * MS);
		cost.add(200, 8 * MS);
		assertThat(cost.fit().perCall()).isZero();
		assertThat(cost.fit().perUnit()).isCloseTo((10.0 * 15 / 16 + 8) / (20.0 * 15 / 16 + 200) * MS, within(1.0));
	}

	@Test
	void countsAllTheCostPerUnitWhileTheSizesExplainTooLittleOfTheDurations() {
		CallCost cost = new CallCost();
		// Durations that swing by 4 ms whatever the size, which adds 0.1 ms at most.
		long[] noise = { 0, 4 * MS, 1 * MS, 3 * MS, 2 * MS };
		for (int i = 0; i < 40; i++) {
			long units = 40 + (i % 3);
			cost.add(units, 5 * MS + units * MS / 10 + noise[i % noise.length]);
		}
		assertThat(cost.fit().perCall()).isZero();
		assertThat(cost.fit().perUnit()).isPositive();
	}

	@Test
	void takesTheRoundingNoiseOfItsSumsForNoSpread() {
		CallCost cost = new CallCost();
		for (int i = 0; i < 40; i++) {
			cost.add(17, 50 * MS + (i % 3) - 1);
		}
		assertThat(cost.fit().perCall()).isZero();
		assertThat(cost.fit().perUnit()).isCloseTo(50.0 * MS / 17, within(1.0));
	}

	@Test
	void followsAMachineThatSlowsDown() {
		CallCost cost = new CallCost();
		for (int i = 0; i < 200; i++) {
			long units = 20 + 45 * (i % 5);
			long perUnit = (i < 100) ? MS / 10 : MS / 5;
			cost.add(units, 5 * MS + units * perUnit);
		}
		assertThat(cost.fit().perUnit()).isCloseTo(0.2 * MS, within(0.001 * MS));
		assertThat(cost.fit().perCall()).isCloseTo(5.0 * MS, within(0.2 * MS));
	}

}
