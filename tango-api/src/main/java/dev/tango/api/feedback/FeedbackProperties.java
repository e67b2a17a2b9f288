package dev.tango.api.feedback;

import java.time.Duration;

import jakarta.validation.Valid;
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
 * @param perClient the most items this instance accepts from one client
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
		@DefaultValue("200") @Min(1) int itemsPerSecond, @DefaultValue @Valid @NotNull PerClient perClient,
		@DefaultValue("30d") @NotNull Duration maxAge, @DefaultValue("100000") @Min(1) int maxRowsPerCascade,
		@DefaultValue("5m") @NotNull Duration purgeInterval, @DefaultValue("30s") @NotNull Duration refreshInterval,
		@Nullable String signingKey) {

	public FeedbackProperties {
		if (itemsPerSecond < maxItems) {
			throw new IllegalArgumentException("tango.api.feedback.items-per-second (" + itemsPerSecond
					+ ") must be at least tango.api.feedback.max-items (" + maxItems
					+ "), or a request of the largest size could never be accepted");
		}
		if (perClient.itemsPerSecond() < maxItems) {
			throw new IllegalArgumentException("tango.api.feedback.per-client.items-per-second ("
					+ perClient.itemsPerSecond() + ") must be at least tango.api.feedback.max-items (" + maxItems
					+ "), or a request of the largest size could never be accepted");
		}
		if (!maxAge.isPositive() || !purgeInterval.isPositive() || !refreshInterval.isPositive()) {
			throw new IllegalArgumentException(
					"tango.api.feedback.max-age, purge-interval and refresh-interval must be positive");
		}
	}

	@Override
	public String toString() {
		return "FeedbackProperties[maxItems=" + this.maxItems + ", itemsPerSecond=" + this.itemsPerSecond
				+ ", perClient=" + this.perClient + ", maxAge=" + this.maxAge + ", maxRowsPerCascade="
				+ this.maxRowsPerCascade + ", signingKey=" + ((this.signingKey != null) ? "(set)" : "(registry)") + "]";
	}

	/**
	 * The limit on each client ({@code tango.api.feedback.per-client.*}), so that one
	 * client sending a flood does not use up what the instance accepts from all. A client
	 * is the authenticated principal, else the API key it sent (when keys are required),
	 * else its address as the service sees it (behind a proxy, the forwarded address when
	 * the service is set to trust forwarded headers,
	 * {@code server.forward-headers-strategy}).
	 *
	 * @param itemsPerSecond the most items one client may send per second, and in one
	 * burst; a request that would exceed it is refused whole with 429 and
	 * {@code Retry-After}; at least {@code max-items}
	 * @param maxClients the most clients tracked at once; past it the client idle for
	 * longest is forgotten (as if it had sent nothing)
	 * @param idleTime how long a client is remembered after its last request; at least
	 * one second (a forgotten client has all of its items again, as it would after a
	 * second)
	 */
	public record PerClient(@DefaultValue("100") @Min(1) int itemsPerSecond,
			@DefaultValue("10000") @Min(1) int maxClients, @DefaultValue("10m") @NotNull Duration idleTime) {

		public PerClient {
			if (idleTime.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException(
						"tango.api.feedback.per-client.idle-time must be at least 1s, was " + idleTime);
			}
		}

	}

}
