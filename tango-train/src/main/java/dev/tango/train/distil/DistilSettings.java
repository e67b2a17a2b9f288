package dev.tango.train.distil;

import java.util.Objects;

import dev.tango.train.fit.FitSettings;

/**
 * How a student is distilled.
 *
 * @param temperature the temperature {@code T > 0} at which the teacher's probabilities
 * are softened and the student's compared with them
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}: 0 learns
 * from the teacher alone, 1 from the labels alone
 * @param fit the held-out split, L2 grid, optimiser and command to record, as for a head
 * fitted on labels
 */
public record DistilSettings(double temperature, double alpha, FitSettings fit) {

	public DistilSettings {
		Objects.requireNonNull(fit, "fit");
		if (!(temperature > 0) || Double.isInfinite(temperature)) {
			throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
		}
		if (!(alpha >= 0 && alpha <= 1)) {
			throw new IllegalArgumentException("alpha must lie in [0, 1], was " + alpha);
		}
	}

}
