package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The threshold curve of one gate of a calibrated cascade: what each candidate threshold
 * of that gate gives, the other gates at their chosen thresholds, and which threshold was
 * chosen. The one shape of a curve that is shown: the admin page draws it from a recorded
 * calibration, the bench's {@code plot} from a curve file, both through
 * {@link dev.tango.core.plot.CurvePlot}.
 *
 * @param gate the zero-based index of the tier whose gate is swept
 * @param points the points, in increasing order of threshold (sorted here), at least one
 * @param chosenThreshold the threshold chosen for the gate, in {@code [0, 1]}
 * @param lastTierAccuracy the accuracy of the last tier alone, or {@code null} where it
 * was not recorded
 */
public record ThresholdCurve(int gate, List<Point> points, double chosenThreshold, @Nullable Double lastTierAccuracy) {

	public ThresholdCurve {
		if (gate < 0) {
			throw new IllegalArgumentException("gate must not be negative, was " + gate);
		}
		if (points.isEmpty()) {
			throw new IllegalArgumentException("A threshold curve needs at least one point");
		}
		List<Point> sorted = new ArrayList<>(points);
		sorted.sort(Comparator.comparingDouble(Point::threshold));
		points = List.copyOf(sorted);
		if (!(chosenThreshold >= 0 && chosenThreshold <= 1)) {
			throw new IllegalArgumentException("chosenThreshold must lie in [0, 1], was " + chosenThreshold);
		}
	}

	/**
	 * Returns the curve of one gate of a sweep: every candidate threshold of that gate
	 * with the other gates at their chosen thresholds (with two tiers, the whole sweep).
	 * @param sweep the sweep, of at least two tiers
	 * @param chosen the chosen threshold of each gate
	 * @param gate the zero-based index of the gate
	 * @return the curve
	 * @throws IllegalArgumentException if the gate or the number of thresholds does not
	 * fit the sweep
	 */
	public static ThresholdCurve of(ThresholdSweep sweep, List<Double> chosen, int gate) {
		if (chosen.size() != sweep.tierCount() - 1 || gate < 0 || gate >= chosen.size()) {
			throw new IllegalArgumentException("Gate " + gate + " and " + chosen.size()
					+ " thresholds do not fit a sweep of " + sweep.tierCount() + " tiers");
		}
		List<Point> points = new ArrayList<>();
		for (double candidate : sweep.candidates(gate)) {
			List<Double> thresholds = new ArrayList<>(chosen);
			thresholds.set(gate, candidate);
			OperatingPoint point = sweep.evaluate(thresholds);
			points.add(new Point(candidate, point.accuracy(), point.escalation().get(gate), point.speedup()));
		}
		return new ThresholdCurve(gate, points, chosen.get(gate), sweep.predictions().lastTierAccuracy());
	}

	/**
	 * Returns the point of the chosen threshold, or the nearest one.
	 * @return the point
	 */
	public Point chosen() {
		return this.points.stream()
			.min(Comparator.comparingDouble((point) -> Math.abs(point.threshold() - this.chosenThreshold)))
			.orElseThrow();
	}

	/**
	 * One threshold of the gate.
	 *
	 * @param threshold the threshold, in {@code [0, 1]}
	 * @param accuracy the cascade's accuracy, in {@code [0, 1]}
	 * @param escalation the share of inputs passed on past the gate, in {@code [0, 1]}
	 * @param speedup the estimated speedup against the last tier alone, positive
	 */
	public record Point(double threshold, double accuracy, double escalation, double speedup) {

	}

}
