package dev.tango.train.loop;

/**
 * Linear warm-up to a peak learning rate, then linear decay towards 0 at the last step.
 *
 * <p>
 * For step {@code t} (1-based) of {@code n}: {@code peak · t / w} while {@code t ≤ w},
 * then {@code peak · (n − t + 1) / (n − w)}; never 0 within the run, and at most the
 * peak.
 *
 * @param peak the peak learning rate, positive
 * @param warmupSteps the warm-up steps {@code w}, in {@code [0, totalSteps)}
 * @param totalSteps the steps of the whole run {@code n}, at least 1
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps) {

	public LearningRateSchedule {
		if (!(peak > 0) || totalSteps < 1 || warmupSteps < 0 || warmupSteps >= totalSteps) {
			throw new IllegalArgumentException("Need peak > 0, totalSteps >= 1 and 0 <= warmupSteps < totalSteps: "
					+ peak + ", " + warmupSteps + ", " + totalSteps);
		}
	}

	/**
	 * Returns the learning rate of a step.
	 * @param step the step, from 1 to {@link #totalSteps()}
	 * @return the rate
	 */
	public double at(long step) {
		if (step < 1 || step > this.totalSteps) {
			throw new IllegalArgumentException("Step " + step + " is outside [1, " + this.totalSteps + "]");
		}
		if (step <= this.warmupSteps) {
			return this.peak * step / this.warmupSteps;
		}
		return this.peak * (this.totalSteps - step + 1) / (this.totalSteps - this.warmupSteps);
	}

}
