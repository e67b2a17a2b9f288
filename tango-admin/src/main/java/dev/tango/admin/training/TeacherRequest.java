package dev.tango.admin.training;

import java.util.Objects;

import dev.tango.train.distil.DistilSettings;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The teacher of a distillation: the last tier of a registered cascade version labels the
 * rows a student is trained on with its probabilities softened at a temperature, which
 * the student's loss mixes with the hard labels. Absent values take the defaults below.
 *
 * @param cascade the cascade whose version's last tier teaches
 * @param version that version; default the active one, else the latest
 * @param temperature the temperature of the teacher's softened probabilities, from 0.01
 * to 100 ({@link DistilSettings#checkTemperature}); default 2
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}; default
 * 0.5
 * @param augment augmented variants of each text the student is trained on (word dropout,
 * a swap of adjacent words or a deleted span; labelled by the teacher; never of the
 * held-out rows), in {@code [0, 16]}; default 0, none
 */
public record TeacherRequest(@NotBlank String cascade, @Nullable Integer version, @Nullable Double temperature,
		@Nullable Double alpha, @Nullable Integer augment) {

	/** The most augmented variants a job makes of one text. */
	public static final int MAX_AUGMENT = 16;

	/**
	 * Checks the temperature, alpha and augmentation.
	 * @throws IllegalArgumentException if one is out of range
	 */
	public void check() {
		DistilSettings.checkTemperature(temperatureOrDefault());
		if (!(alphaOrDefault() >= 0 && alphaOrDefault() <= 1)) {
			throw new IllegalArgumentException("alpha must lie in [0, 1], was " + this.alpha);
		}
		if (augmentOrDefault() < 0 || augmentOrDefault() > MAX_AUGMENT) {
			throw new IllegalArgumentException("augment must lie in [0, " + MAX_AUGMENT + "], was " + this.augment);
		}
	}

	/**
	 * Returns the temperature.
	 * @return the temperature, 2 unless asked otherwise
	 */
	public double temperatureOrDefault() {
		return Objects.requireNonNullElse(this.temperature, 2.0);
	}

	/**
	 * Returns the weight of the hard labels.
	 * @return alpha, 0.5 unless asked otherwise
	 */
	public double alphaOrDefault() {
		return Objects.requireNonNullElse(this.alpha, 0.5);
	}

	/**
	 * Returns the augmented variants asked of each text.
	 * @return the variants, 0 unless asked otherwise
	 */
	public int augmentOrDefault() {
		return Objects.requireNonNullElse(this.augment, 0);
	}

}
