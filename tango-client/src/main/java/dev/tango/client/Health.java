package dev.tango.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A health report of Spring Boot's Actuator ({@code /actuator/health} and its
 * {@code liveness} and {@code readiness} groups): a status, and components that have
 * their own status, details and components.
 *
 * @param status {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, {@code FAILED} (a
 * cascade that failed to load) or {@code UNKNOWN}
 * @param components the components, by name; empty if none
 * @param details the details, as JSON values; empty if none
 */
public record Health(String status, Map<String, Health> components, Map<String, Object> details) {

	/**
	 * Makes the maps unmodifiable, keeping their order; missing ones are empty.
	 */
	public Health {
		components = (components != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(components)) : Map.of();
		details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
	}

	/**
	 * Returns whether the status is {@code UP}.
	 * @return {@code true} if up
	 */
	public boolean isUp() {
		return "UP".equals(this.status);
	}

	/**
	 * Returns a component, following a path of names, such as
	 * {@code component("cascades", "sst2-sentiment")}.
	 * @param path the names, outermost first
	 * @return the component, if there is one at that path
	 */
	public Optional<Health> component(String... path) {
		Health health = this;
		for (String name : path) {
			health = health.components.get(name);
			if (health == null) {
				return Optional.empty();
			}
		}
		return Optional.of(health);
	}

}
