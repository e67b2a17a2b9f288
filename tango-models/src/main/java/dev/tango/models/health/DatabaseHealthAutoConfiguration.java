package dev.tango.models.health;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Replaces Spring Boot's {@code db} health indicator, which queries the database on the
 * probe's thread, by a {@link BackgroundDatabaseHealth} of the same name, where
 * Actuator's health support is on the class path.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "management.health.db.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DatabaseHealthProperties.class)
public final class DatabaseHealthAutoConfiguration {

	/**
	 * The {@code db} indicator; its bean name makes Spring Boot's own step aside.
	 * @param dataSource the registry's datasource
	 * @param properties how to check
	 * @param clock a clock, if the application has one
	 * @return the indicator
	 */
	@Bean
	@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
	BackgroundDatabaseHealth dbHealthContributor(DataSource dataSource, DatabaseHealthProperties properties,
			ObjectProvider<Clock> clock) {
		return new BackgroundDatabaseHealth(dataSource, properties, clock.getIfAvailable(Clock::systemUTC));
	}

}
