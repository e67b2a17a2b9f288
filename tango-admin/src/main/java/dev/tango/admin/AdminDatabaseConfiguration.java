package dev.tango.admin;

import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.Location;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the admin service's migrations ({@value #LOCATION}, numbered 2.x, after the
 * registry's 1.x) to the application's Flyway.
 */
@Configuration(proxyBeanMethods = false)
class AdminDatabaseConfiguration {

	static final String LOCATION = "classpath:tango/db/admin";

	@Bean
	FlywayConfigurationCustomizer tangoAdminMigrations() {
		return (configuration) -> {
			List<String> locations = new ArrayList<>();
			for (Location location : configuration.getLocations()) {
				locations.add(location.getDescriptor());
			}
			locations.add(LOCATION);
			configuration.locations(locations.toArray(String[]::new));
		};
	}

}
