package dev.tango.admin;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.admin.calibration.CalibrateParameters;
import dev.tango.admin.fitting.FitHeadParameters;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The checks of job parameters refuse null and unbounded list elements with
 * {@link IllegalArgumentException}, which a submission answers with 400, instead of
 * failing on them (a null element was a NullPointerException, answered 500).
 */
class JobParametersTest {

	@Test
	void fitHeadRefusesNullAndInfiniteStrengths() {
		assertThatNoException().isThrownBy(() -> fitHead(List.of(0.001, 0.0)).check());
		for (List<Double> grid : List.of(Arrays.asList(0.001, null), List.of(Double.POSITIVE_INFINITY), List.of(-1.0),
				List.<Double>of())) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> fitHead(grid).check())
				.withMessageContaining("l2Grid");
		}
	}

	@Test
	void calibrateRefusesNullBatchSizesAndThreadCounts() {
		assertThatNoException().isThrownBy(() -> calibrate(List.of(1, 8), List.of(1)).check());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> calibrate(Arrays.asList(8, null), List.of(1)).check())
			.withMessageContaining("batchSizes");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> calibrate(List.of(8), Arrays.asList((Integer) null)).check())
			.withMessageContaining("threadCounts");
	}

	private static FitHeadParameters fitHead(List<Double> grid) {
		return new FitHeadParameters("m", 1, null, FitHeadParameters.LEXICAL, grid, null, null);
	}

	private static CalibrateParameters calibrate(List<Integer> batchSizes, List<Integer> threadCounts) {
		return new CalibrateParameters("c", null, 1L, null, null, null, null, null, null, null, batchSizes,
				threadCounts, null, null, null);
	}

}
