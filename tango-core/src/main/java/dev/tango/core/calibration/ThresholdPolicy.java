package dev.tango.core.calibration;

/**
 * A rule that chooses a cascade's thresholds from a sweep over a labelled set, such as
 * the largest speedup within an accuracy budget. Implementations are immutable and
 * deterministic.
 */
public interface ThresholdPolicy {

	/**
	 * Chooses thresholds.
	 * @param sweep the sweep over a labelled set
	 * @return the choice, stating how it was made; never {@code null}: a policy that
	 * finds no acceptable thresholds falls back to escalating every input and says so
	 */
	ThresholdChoice choose(ThresholdSweep sweep);

}
