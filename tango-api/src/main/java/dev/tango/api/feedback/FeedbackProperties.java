package dev.tango.api.feedback;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of feedback and live accuracy ({@code tango.api.feedback.*}).
 *
 * @param maxItems the most items in one feedback request
 * @param itemsPerSecond the most items this instance accepts per second, all clients
 * together; a request that would exceed it is refused whole with 429 and
 * {@code Retry-After}
 * @param maxAge how long feedback is kept after it arrived; an answer id older than this
 * is refused as expired
 * @param maxRowsPerCascade the most items kept per cascade; the oldest go first
 * @param purgeInterval how often this instance deletes what is past the retention
 * @param refreshInterval how often this instance reads the live accuracy for its gauges
 * @param signingKey the answer-id key as base64 (at least 32 bytes), the same on every
 * instance; by default the registry's, created once by the first instance
 */
@Validated
@ConfigurationProperties("tango.api.feedback")
public record FeedbackProperties(@DefaultValue("100") @Min(1) @Max(10000) int maxItems,
		@DefaultValue("200") @Min(1) int itemsPerSecond, @DefaultValue("30d") @NotNull Duration maxAge,
		@DefaultValue("100000") @Min(1) int maxRowsPerCascade, @DefaultValue("5m") @NotNull Duration purgeInterval,
		@DefaultValue("30s") @NotNull Duration refreshInterval, @Nullable String signingKey) {

	public FeedbackProperties {
		if (itemsPerSecond < maxItems) {
			throw new IllegalArgumentException("tango.api.feedback.items-per-second (" + itemsPerSecond
					+ ") must be at least tango.api.feedback.max-items (" + maxItems
					+ "), or a request of the largest size could never be accepted");
		}
		if (!maxAge.isPositive() || !purgeInterval.isPositive() || !refreshInterval.isPositive()) {
			throw new IllegalArgumentException(
					"tango.api.feedback.max-age, purge-interval and refresh-interval must be positive");
		}
	}

	@Override
	public String toString() {
		return "FeedbackProperties[maxItems=" + this.maxItems + ", itemsPerSecond=" + this.itemsPerSecond + ", maxAge="
				+ this.maxAge + ", maxRowsPerCascade=" + this.maxRowsPerCascade + ", signingKey="
				+ ((this.signingKey != null) ? "(set)" : "(registry)") + "]";
	}

}
