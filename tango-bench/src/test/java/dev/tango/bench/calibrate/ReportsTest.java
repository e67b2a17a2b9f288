package dev.tango.bench.calibrate;

import java.util.List;

import dev.tango.core.calibration.OperatingPoint;
import dev.tango.core.calibration.ThresholdSweep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

	@Test
	void theFrontHoldsThePointsNoOtherBeatsInBothSpeedupAndAccuracyFastestFirst() {
		ThresholdSweep sweep = CurveFileTest.sweep(3);
		List<OperatingPoint> front = Reports.front(sweep, Integer.MAX_VALUE);
		assertThat(front).isNotEmpty();
		for (int i = 1; i < front.size(); i++) {
			assertThat(front.get(i).speedup()).isLessThanOrEqualTo(front.get(i - 1).speedup());
			assertThat(front.get(i).accuracy()).isGreaterThan(front.get(i - 1).accuracy());
		}
		for (OperatingPoint point : sweep.points()) {
			boolean dominated = sweep.points()
				.stream()
				.anyMatch((other) -> other.speedup() >= point.speedup() && other.accuracy() > point.accuracy()
						|| other.speedup() > point.speedup() && other.accuracy() >= point.accuracy());
			if (!dominated) {
				assertThat(front).anySatisfy((f) -> {
					assertThat(f.speedup()).isEqualTo(point.speedup());
					assertThat(f.accuracy()).isEqualTo(point.accuracy());
				});
			}
		}
		List<OperatingPoint> thinned = Reports.front(sweep, 3);
		if (front.size() > 3) {
			assertThat(thinned).hasSize(3).startsWith(front.get(0)).endsWith(front.get(front.size() - 1));
		}
	}

}
