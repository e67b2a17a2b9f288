package dev.tango.api.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

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
 * from the registry, a {@code registry} indicator is {@code OUT_OF_SERVICE}. Part of the
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
			.map(CascadesHealthContributor::health)
			.orElseGet(() -> Health.unknown().build());
	}

	static Health health(CascadeStatus status) {
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
		LoadFailure failure = status.lastFailure();
		if (failure != null) {
			details.put("lastLoadFailure",
					Map.of("version", failure.version(), "message", failure.message(), "at", failure.at().toString()));
		}
		return Health.status(value).withDetails(details).build();
	}

}
