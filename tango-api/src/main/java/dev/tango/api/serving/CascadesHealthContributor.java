package dev.tango.api.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.remote.RemoteOipTier;

/**
 * Health of the served cascades, as {@code cascades}: one indicator per active cascade,
 * with its state, the active and the served version, its tiers and its last load failure
 * (a message without file paths: these details are public). A cascade is {@code UP} while
 * a version of it serves (also while a newer one loads, after a newer one failed to load,
 * or while an older one stands in for an active one that failed to load), and
 * {@code OUT_OF_SERVICE} while its first version loads or the service stops. When no
 * version serves because its active version failed to load, it is {@value #FAILED}: a
 * status ordered after {@code UP} ({@code management.endpoint.health.status.order}), so
 * that one broken cascade does not make the service unready while others serve, and
 * answering 503 when every cascade has failed. Until the active cascades have been read
 * from the registry, a {@code registry} indicator is {@code OUT_OF_SERVICE}. The details
 * of a cascade with remote tiers say whether each reaches its server. Part of the
 * readiness group, never of liveness.
 */
@Component
class CascadesHealthContributor implements CompositeHealthContributor {

	private static final String REGISTRY = "registry";

	/** The status of a cascade that no version serves because its active one failed. */
	static final String FAILED = "FAILED";

	private final CascadeServer server;

	CascadesHealthContributor(CascadeServer server) {
		this.server = server;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		if (REGISTRY.equals(name)) {
			return this.server.synced() ? null : registry();
		}
		return this.server.status(name).isPresent() ? indicator(name) : null;
	}

	@Override
	public Stream<Entry> stream() {
		Stream<Entry> cascades = this.server.statuses()
			.stream()
			.map((status) -> new Entry(status.name(), indicator(status.name())));
		return this.server.synced() ? cascades : Stream.concat(Stream.of(new Entry(REGISTRY, registry())), cascades);
	}

	private HealthIndicator registry() {
		return () -> Health.outOfService()
			.withDetail("reason",
					this.server.syncFailure()
						.map((failure) -> "cannot read the active cascades: " + failure)
						.orElse("reading the active cascades"))
			.build();
	}

	private HealthIndicator indicator(String name) {
		return () -> this.server.status(name)
			.map((status) -> health(status, servedTiers(status)))
			.orElseGet(() -> Health.unknown().build());
	}

	private List<Tier> servedTiers(CascadeStatus status) {
		if (!status.serving()) {
			return List.of();
		}
		try {
			return this.server.require(status.name(), null).stages().stream().map(Stage::tier).toList();
		}
		catch (RuntimeException ex) {
			// The version stopped serving since the status was read.
			return List.of();
		}
	}

	static Health health(CascadeStatus status) {
		return health(status, List.of());
	}

	/**
	 * Returns the health of a cascade, with the reachability of its remote tiers among
	 * the given ones ({@code remoteTiers}: per tier name, whether it calls its server and
	 * its circuit breaker's state). A remote tier out of reach leaves the status as it
	 * is: the cascade still serves, failing fast the inputs that reach that tier.
	 */
	static Health health(CascadeStatus status, List<Tier> tiers) {
		Status value = switch (status.state()) {
			case SERVING, SWITCHING, STALE, FALLBACK -> Status.UP;
			case LOADING, STOPPED -> Status.OUT_OF_SERVICE;
			case FAILED -> new Status(FAILED, "No version serves: the active one failed to load");
		};
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", status.state().name());
		details.put("activeVersion", status.activeVersion());
		if (status.servedVersion() != null) {
			details.put("servedVersion", status.servedVersion());
			details.put("tiers", status.tiers());
		}
		Map<String, Object> remote = new LinkedHashMap<>();
		for (Tier tier : tiers) {
			if (tier instanceof RemoteOipTier remoteTier) {
				remote.put(remoteTier.name(),
						Map.of("reachable", remoteTier.reachable(), "circuitBreaker", remoteTier.breakerState()));
			}
		}
		if (!remote.isEmpty()) {
			details.put("remoteTiers", remote);
		}
		LoadFailure failure = status.lastFailure();
		if (failure != null) {
			details.put("lastLoadFailure",
					Map.of("version", failure.version(), "message", failure.message(), "at", failure.at().toString()));
		}
		return Health.status(value).withDetails(details).build();
	}

}
