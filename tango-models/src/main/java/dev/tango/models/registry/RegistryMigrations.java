package dev.tango.models.registry;

import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/**
 * Adds the registry's migrations to the application's Flyway: the portable ones and those
 * of the database in use (PostgreSQL or H2). Registry migrations are numbered 1.x; other
 * series follow (the admin's 2.x), so a registry migration added later runs out of order
 * on a database that already has those.
 */
final class RegistryMigrations implements FlywayConfigurationCustomizer {

	static final String COMMON = "classpath:tango/db/registry/common";

	static final String VENDOR = "classpath:tango/db/registry/";

	@Override
	public void customize(FluentConfiguration configuration) {
		String vendor = RegistryDatabase.of(configuration.getDataSource()).getId();
		List<String> locations = new ArrayList<>();
		for (Location location : configuration.getLocations()) {
			locations.add(location.getDescriptor());
		}
		locations.add(COMMON);
		locations.add(VENDOR + vendor);
		configuration.locations(locations.toArray(String[]::new));
		configuration.outOfOrder(true);
	}

}
