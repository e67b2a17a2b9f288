package dev.tango.api.release;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of release plan following ({@code tango.api.release.*}).
 *
 * @param pollInterval how often this instance reads the running plans, writes its reports
 * and judges the bounds; on PostgreSQL a plan's change also reaches it at once by
 * notification, so this is the fallback
 */
@Validated
@ConfigurationProperties("tango.api.release")
public record ReleaseProperties(@DefaultValue("1s") @NotNull Duration pollInterval) {

	public ReleaseProperties {
		if (!pollInterval.isPositive()) {
			throw new IllegalArgumentException("tango.api.release.poll-interval must be positive, was " + pollInterval);
		}
	}

}
