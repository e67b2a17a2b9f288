package dev.tango.core.calibration;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link CalibrationPipeline} chose and found.
 *
 * @param partition which rows chose the thresholds and which reported on them
 * @param temperatures the temperature of each gated tier: fitted, or the tier's own
 * @param predictions every row's predictions at those temperatures
 * @param sweep the sweep over the rows the thresholds were chosen on
 * @param choice the policy's choice on that sweep: thresholds and operating point
 * @param heldOut how the choice does on rows it did not see
 */
public record CalibrationOutcome(Partition partition, List<Double> temperatures, LabelledPredictions predictions,
		ThresholdSweep sweep, ThresholdChoice choice, HeldOutEstimate heldOut) {

	public CalibrationOutcome {
		Objects.requireNonNull(partition, "partition");
		temperatures = List.copyOf(temperatures);
		Objects.requireNonNull(predictions, "predictions");
		Objects.requireNonNull(sweep, "sweep");
		Objects.requireNonNull(choice, "choice");
		Objects.requireNonNull(heldOut, "heldOut");
	}

	/**
	 * Returns the chosen thresholds.
	 * @return one per gate, cheapest tier first
	 */
	public List<Double> thresholds() {
		return this.choice.thresholds();
	}

}
