package dev.tango.admin.training;

import java.util.Objects;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The teacher of a distillation: the last tier of a registered cascade version labels the
 * rows a student is trained on with its probabilities softened at a temperature, which
 * the student's loss mixes with the hard labels. Absent values take the defaults below.
 *
 * @param cascade the cascade whose version's last tier teaches
 * @param version that version; default the active one, else the latest
 * @param temperature the temperature of the teacher's softened probabilities, positive;
 * default 2
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}; default
 * 0.5
 */
public record TeacherRequest(@NotBlank String cascade, @Nullable Integer version, @Nullable Double temperature,
		@Nullable Double alpha) {

	/**
	 * Checks the temperature and alpha.
	 * @throws IllegalArgumentException if one is out of range
	 */
	public void check() {
		if (!(temperatureOrDefault() > 0) || Double.isInfinite(temperatureOrDefault())) {
			throw new IllegalArgumentException("temperature must be a positive number, was " + this.temperature);
		}
		if (!(alphaOrDefault() >= 0 && alphaOrDefault() <= 1)) {
			throw new IllegalArgumentException("alpha must lie in [0, 1], was " + this.alpha);
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

}
