package dev.tango.train.distil;

import java.util.Objects;

import dev.tango.core.settings.InvalidSettingException;
import dev.tango.train.fit.FitSettings;

/**
 * How a student is distilled.
 *
 * @param temperature the temperature {@code T}, from {@value #MIN_TEMPERATURE} to
 * {@value #MAX_TEMPERATURE}, at which the teacher's probabilities are softened and the
 * student's compared with them (a smaller one divides logits into infinities)
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}: 0 learns
 * from the teacher alone, 1 from the labels alone
 * @param fit the held-out split, L2 grid, optimiser and command to record, as for a head
 * fitted on labels
 * @param augment how many augmented variants ({@link TextAugmenter}, seeded with the
 * fit's seed) of each text the student is fitted on the teacher scores and the student
 * learns from, {@code >= 0}
 */
public record DistilSettings(double temperature, double alpha, FitSettings fit, int augment) {

	/** The lowest temperature. */
	public static final double MIN_TEMPERATURE = 0.01;

	/** The highest temperature. */
	public static final double MAX_TEMPERATURE = 100;

	public DistilSettings {
		Objects.requireNonNull(fit, "fit");
		checkTemperature(temperature);
		InvalidSettingException.require(alpha >= 0 && alpha <= 1, "alpha", "must lie in [0, 1]", alpha);
		InvalidSettingException.require(augment >= 0, "augment", "must be 0 or more", augment);
	}

	/**
	 * Checks a temperature.
	 * @param temperature the temperature
	 * @throws IllegalArgumentException if it is not from {@value #MIN_TEMPERATURE} to
	 * {@value #MAX_TEMPERATURE}
	 */
	public static void checkTemperature(double temperature) {
		InvalidSettingException.require(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE, "temperature",
				"must be from " + MIN_TEMPERATURE + " to " + MAX_TEMPERATURE, temperature);
	}

	/**
	 * Settings without augmentation.
	 * @param temperature the temperature
	 * @param alpha the weight of the hard label
	 * @param fit the fitting settings
	 */
	public DistilSettings(double temperature, double alpha, FitSettings fit) {
		this(temperature, alpha, fit, 0);
	}

	/**
	 * Returns these settings with another number of augmented variants per text.
	 * @param variants the number, {@code >= 0}
	 * @return the settings
	 */
	public DistilSettings withAugment(int variants) {
		return new DistilSettings(this.temperature, this.alpha, this.fit, variants);
	}

	/**
	 * Returns the augmenter these settings describe.
	 * @return the augmenter
	 */
	public TextAugmenter augmenter() {
		return new TextAugmenter(this.augment, this.fit.seed());
	}

}
