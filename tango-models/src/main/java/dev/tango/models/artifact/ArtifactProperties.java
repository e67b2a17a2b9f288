package dev.tango.models.artifact;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.tango.runtime.artifact.TransferLimits;

/**
 * Where model artifacts may come from and where their verified copies are kept.
 *
 * @param store directory of the content-addressed store of verified artifacts
 * @param allowedRoots directories whose files {@code file:} URIs may name (after symbolic
 * links are resolved); none by default, so {@code file:} URIs are refused
 * @param allowedHosts host names {@code https:} URIs may name (exact, case-insensitive);
 * none by default
 * @param connectTimeout TCP and TLS connect timeout for downloads
 * @param readTimeout longest wait for the next bytes of a download
 * @param maxRedirects most redirects followed for one download
 * @param maxSize largest artifact accepted
 * @param sslBundle name of a Spring Boot SSL bundle whose trust material verifies
 * artifact servers, or {@code null} for the JDK's default trust store
 * @param downloadTimeout the longest one download may take as a whole, redirects
 * included; positive
 * @param lowSpeedLimit the fewest bytes a download must receive within each
 * {@code lowSpeedTime}; 0 turns this limit off
 * @param lowSpeedTime the window of {@code lowSpeedLimit}; positive
 */
@Validated
@ConfigurationProperties("tango.artifacts")
public record ArtifactProperties(@DefaultValue("data/artifacts") @NotNull Path store,
		@DefaultValue List<Path> allowedRoots, @DefaultValue List<String> allowedHosts,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration readTimeout,
		@DefaultValue("5") @Min(0) @Max(20) int maxRedirects, @DefaultValue("4GB") DataSize maxSize,
		@Nullable String sslBundle, @DefaultValue("1h") Duration downloadTimeout,
		@DefaultValue("64KB") DataSize lowSpeedLimit, @DefaultValue("60s") Duration lowSpeedTime) {

	public ArtifactProperties {
		allowedRoots = List.copyOf(allowedRoots);
		allowedHosts = List.copyOf(allowedHosts);
		new TransferLimits(downloadTimeout, lowSpeedLimit.toBytes(), lowSpeedTime);
	}

	/**
	 * Returns the limits on each download as a whole.
	 * @return {@code downloadTimeout}, {@code lowSpeedLimit} and {@code lowSpeedTime}
	 */
	public TransferLimits transferLimits() {
		return new TransferLimits(this.downloadTimeout, this.lowSpeedLimit.toBytes(), this.lowSpeedTime);
	}

	/**
	 * Properties with the defaults above and the given store, roots and hosts.
	 * @param store the store directory
	 * @param allowedRoots allowed file roots
	 * @param allowedHosts allowed https hosts
	 * @return the properties
	 */
	public static ArtifactProperties of(Path store, List<Path> allowedRoots, List<String> allowedHosts) {
		return new ArtifactProperties(store, allowedRoots, allowedHosts, Duration.ofSeconds(10), Duration.ofSeconds(60),
				5, DataSize.ofGigabytes(4), null, TransferLimits.DEFAULT_DEADLINE,
				DataSize.ofBytes(TransferLimits.DEFAULT_LOW_SPEED_BYTES), TransferLimits.DEFAULT_LOW_SPEED_WINDOW);
	}

}
