package dev.tango.core.calibration;

import java.util.Objects;

import dev.tango.core.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link CalibrationPipeline} calibrates, besides its policy.
 *
 * @param validation how the chosen thresholds are reported on rows the choice did not see
 * @param seed the seed of the folds or of the split
 * @param temperatureScaling whether each gated tier's softmax temperature is fitted on
 * the rows the thresholds are chosen on (and refitted without each fold when
 * cross-fitting) before sweeping; else each tier keeps its own
 * @param candidatesPerTier the most candidate thresholds per gate, at least 3, or
 * {@code null} for the sweep's default grid ({@link ThresholdSweep#DEFAULT_GRID_SIZE})
 */
public record CalibrationOptions(Validation validation, long seed, boolean temperatureScaling,
		@Nullable Integer candidatesPerTier) {

	/** The default seed. */
	public static final long DEFAULT_SEED = 42;

	/**
	 * The defaults: {@value Validation#DEFAULT_FOLDS}-fold cross-fitting, seed
	 * {@value #DEFAULT_SEED}, no temperature scaling, the default grid.
	 */
	public static final CalibrationOptions DEFAULT = new CalibrationOptions(
			new Validation.CrossFitted(Validation.DEFAULT_FOLDS), DEFAULT_SEED, false, null);

	public CalibrationOptions {
		Objects.requireNonNull(validation, "validation");
		InvalidSettingException.require(candidatesPerTier == null || candidatesPerTier >= 3, "candidatesPerTier",
				"must be at least 3", candidatesPerTier);
	}

	/**
	 * Sweeps labelled predictions on this calibration's grid.
	 * @param predictions the predictions, at least two inputs
	 * @param costs the cost of each tier
	 * @return the sweep
	 */
	public ThresholdSweep sweep(LabelledPredictions predictions, TierCosts costs) {
		return (this.candidatesPerTier != null) ? ThresholdSweep.of(predictions, costs, this.candidatesPerTier)
				: ThresholdSweep.of(predictions, costs);
	}

}
