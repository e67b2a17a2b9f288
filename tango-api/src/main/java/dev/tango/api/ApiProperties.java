package dev.tango.api;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.tango.models.serving.ServingReports;

/**
 * Settings of the classification service ({@code tango.api.*}).
 *
 * @param defaultCascade the cascade that {@code POST /v1/classify} serves
 * @param requestTimeout how long a request's inputs may wait for a tier before the
 * request fails with 503; the servlet's asynchronous timeout is twice this, as a safety
 * net
 * @param drainTimeout how long a cascade version that is replaced, or the whole service
 * when it stops, lets admitted requests finish
 * @param loadRetryInterval how often the active versions are read again from the
 * registry, and a version that failed to load is tried again
 * @param disconnectCheckInterval how often the connection of a request that waits for its
 * answer is checked, so that the work of a client that left is dropped; {@code 0} to rely
 * on the servlet container alone
 * @param limits limits on what one request may hold
 * @param batching how each tier's dynamic batcher is sized
 * @param admission how much of a request's time admission keeps in reserve
 * @param servingReports how long the serving reports of instances that stopped reporting
 * are kept, and the recent window of the traffic reports
 * @param warmup the inputs run through every tier of a version before it serves
 * @param auth the optional API-key check of the inference endpoints
 */
@Validated
@ConfigurationProperties("tango.api")
public record ApiProperties(@DefaultValue("sst2-sentiment") @NotBlank String defaultCascade,
		@DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("30s") @NotNull Duration drainTimeout,
		@DefaultValue("1m") @NotNull Duration loadRetryInterval,
		@DefaultValue("250ms") @NotNull Duration disconnectCheckInterval, @DefaultValue @Valid Limits limits,
		@DefaultValue @Valid Batching batching, @DefaultValue @Valid Admission admission,
		@DefaultValue @Valid ServingReportSettings servingReports, @DefaultValue @Valid Warmup warmup,
		@DefaultValue @Valid Auth auth) {

	public ApiProperties {
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("tango.api.request-timeout must be positive, was " + requestTimeout);
		}
		if (batching.queueCapacity() < limits.maxInputs()) {
			throw new IllegalArgumentException("tango.api.batching.queue-capacity (" + batching.queueCapacity()
					+ ") must be at least tango.api.limits.max-inputs (" + limits.maxInputs()
					+ "), or a request of the largest size could never be admitted");
		}
		if (auth.enabled() && auth.keys().stream().noneMatch((key) -> !key.isBlank())) {
			throw new IllegalArgumentException("tango.api.auth.enabled is true but tango.api.auth.keys is empty");
		}
	}

	/**
	 * Limits on one request. Checked in this order: body size (before parsing), number of
	 * inputs, characters per input (before tokenising); tokens are the tiers' limits.
	 *
	 * @param maxBodySize the largest request body, after decompression
	 * @param maxInputs the most inputs in one request
	 * @param maxInputChars the most characters (UTF-16 units) in one input, both texts of
	 * a pair together
	 */
	public record Limits(@DefaultValue("1MB") @NotNull DataSize maxBodySize, @DefaultValue("256") @Min(1) int maxInputs,
			@DefaultValue("10000") @Min(1) int maxInputChars) {

	}

	/**
	 * How each stage's dynamic batcher is sized. Its largest batch and its delay come
	 * from the cascade version.
	 *
	 * @param queueCapacity the most inputs waiting at one tier; a request that does not
	 * fit in the first tier's queue is refused with 429
	 * @param workers the threads that call each tier, or {@code null} to size them to the
	 * cores: as many per tier as the available processors divided by the threads one call
	 * of each of the version's tiers keeps busy (their intra-op threads), all tiers
	 * together, at least one, so that the tiers' inference threads fill the cores without
	 * competing for them
	 * @param lengthWindow how many batches' worth of queued inputs a worker sorts by
	 * length at once
	 */
	public record Batching(@DefaultValue("1024") @Min(1) int queueCapacity, @Nullable @Min(1) Integer workers,
			@DefaultValue("4") @Min(1) int lengthWindow) {

		/**
		 * Returns the workers per tier for a cascade version.
		 * @param intraOpThreads the threads one call of each tier keeps busy; a
		 * {@code null} (unknown) counts as one
		 * @param processors the available processors
		 * @return the configured workers, or the number sized to the cores
		 */
		public int workersFor(List<@Nullable Integer> intraOpThreads, int processors) {
			if (this.workers != null) {
				return this.workers;
			}
			int threads = intraOpThreads.stream().mapToInt((t) -> (t != null) ? t : 1).sum();
			return Math.max(1, processors / Math.max(1, threads));
		}

	}

	/**
	 * Admission by time: a request is admitted only if the work the batcher estimates
	 * ahead of it, its own included, fits in its timeout less this reserve; otherwise it
	 * is refused at once with 429 and a {@code Retry-After}.
	 *
	 * @param reserve the share of {@code request-timeout} kept against errors of the
	 * estimate (a host that slows down after a request was admitted), strictly between 0
	 * and 1: a larger reserve refuses earlier and keeps admitted requests further from
	 * their deadline, a smaller one admits more
	 */
	public record Admission(@DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1",
			inclusive = false) double reserve) {

	}

	/**
	 * The serving reports each instance keeps in the registry for the admin
	 * ({@link dev.tango.api.serving.ServingReporter}).
	 *
	 * @param retention how long a report that is no longer renewed is kept: an instance
	 * that stops gracefully deletes its own, and with each heartbeat every instance
	 * deletes the reports, of any instance, older than this (those of instances that were
	 * killed). Longer than {@link ServingReports#STALE_AFTER}, so that the admin shows a
	 * silent instance as stale before its reports go
	 * @param trafficWindow the recent window of the traffic reports
	 * ({@link dev.tango.api.traffic.TrafficReport}): the answered inputs per second and
	 * the inputs that reached each tier are also reported over this last stretch of time;
	 * at least a second (the counters are sampled about once a second). The default, a
	 * minute, is the window of the latency percentiles; tests shorten it
	 */
	public record ServingReportSettings(@DefaultValue("1h") @NotNull Duration retention,
			@DefaultValue("1m") @NotNull Duration trafficWindow) {

		public ServingReportSettings {
			if (retention.compareTo(ServingReports.STALE_AFTER) <= 0) {
				throw new IllegalArgumentException("tango.api.serving-reports.retention must be longer than "
						+ ServingReports.STALE_AFTER.toSeconds() + " s, was " + retention);
			}
			if (trafficWindow.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException(
						"tango.api.serving-reports.traffic-window must be at least 1 s, was " + trafficWindow);
			}
		}

	}

	/**
	 * Warm-up of a cascade version before it serves.
	 *
	 * @param inputs texts sent to every tier, alone and as one batch
	 */
	public record Warmup(@DefaultValue( {
			"A short one.", "This film was a delight from start to finish.",
			"The plot made little sense and the acting was flat; I left before the end and did not regret it." }) @NotEmpty List<String> inputs){

	}

	/**
	 * The API-key check of {@code /v1/**} and {@code /v2/models/**}.
	 *
	 * @param enabled whether requests need a key
	 * @param keys the accepted keys, sent as {@code X-API-Key: <key>} or
	 * {@code Authorization: Bearer <key>}
	 */
	public record Auth(@DefaultValue("false") boolean enabled, @DefaultValue List<String> keys) {

		/**
		 * Refuses a key that a client could not send as it is: HTTP header values are
		 * read as ISO-8859-1, so only visible ASCII (no spaces) means the same bytes on
		 * both sides.
		 */
		public Auth {
			for (int i = 0; i < keys.size(); i++) {
				String key = keys.get(i);
				if (!key.isBlank() && !key.chars().allMatch((c) -> c > 0x20 && c < 0x7F)) {
					throw new IllegalArgumentException("tango.api.auth.keys[" + i
							+ "] holds a character that is not visible ASCII: a key may hold letters, digits and "
							+ "ASCII punctuation only");
				}
			}
		}

		@Override
		public String toString() {
			return "Auth[enabled=" + this.enabled + ", keys=" + this.keys.size() + "]";
		}

	}

}
