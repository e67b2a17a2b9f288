package dev.tango.api.drift;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.tango.core.drift.DriftSettings;

/**
 * Settings of the drift watch ({@code tango.api.drift.*}).
 *
 * @param enabled whether answers are watched at all
 * @param falseAlarmProbability {@code α}: the probability that a version's watch raises a
 * false alarm within {@code window} answers, in {@code (0, 1)}
 * @param window {@code W}: the number of answers {@code α} is stated for
 * @param oddsRatio the shift each test is tuned to: the odds of an escalation or of a
 * label multiplied or divided by it, above 1
 * @param reportInterval how often this instance writes its drift reports to the registry
 * even if no alarm rose or cleared; reports not renewed for four intervals are deleted as
 * those of a stopped instance
 */
@Validated
@ConfigurationProperties("tango.api.drift")
public record DriftProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.01") double falseAlarmProbability,
		@DefaultValue("100000") long window, @DefaultValue("2") double oddsRatio,
		@DefaultValue("15s") @NotNull Duration reportInterval) {

	public DriftProperties {
		settings(falseAlarmProbability, window, oddsRatio);
		if (!reportInterval.isPositive()) {
			throw new IllegalArgumentException("tango.api.drift.report-interval must be positive");
		}
	}

	/**
	 * Returns the settings of the sequential tests.
	 * @return the settings
	 */
	public DriftSettings settings() {
		return settings(this.falseAlarmProbability, this.window, this.oddsRatio);
	}

	private static DriftSettings settings(double falseAlarmProbability, long window, double oddsRatio) {
		try {
			return new DriftSettings(falseAlarmProbability, window, oddsRatio);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("tango.api.drift: " + ex.getMessage(), ex);
		}
	}

}
