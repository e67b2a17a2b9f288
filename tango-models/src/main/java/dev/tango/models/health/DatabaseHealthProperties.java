package dev.tango.models.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the registry's database is checked for the {@code db} health indicator.
 *
 * @param interval time between the end of one check and the start of the next
 * @param validationTimeout how long a check waits for the database to answer, on a
 * connection it has; whole seconds, at least one (getting the connection is bounded by
 * the pool's connection timeout)
 * @param staleAfter a last result older than this is reported as {@code DOWN}: the check
 * itself is stuck
 */
@Validated
@ConfigurationProperties("tango.registry.health")
public record DatabaseHealthProperties(@DefaultValue("2s") Duration interval,
		@DefaultValue("1s") Duration validationTimeout, @DefaultValue("30s") Duration staleAfter) {

}
