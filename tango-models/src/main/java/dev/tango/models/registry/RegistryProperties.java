package dev.tango.models.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the registry.
 *
 * @param seed location of the cascade descriptor registered on first start (a Spring
 * resource location); empty to seed nothing
 * @param embeddedPath file of the embedded H2 database used when no datasource URL is
 * configured, relative to the working directory
 * @param changes how serving instances learn of activations
 */
@Validated
@ConfigurationProperties("tango.registry")
public record RegistryProperties(@DefaultValue(DEFAULT_SEED) String seed,
		@DefaultValue("data/tango") String embeddedPath, @DefaultValue Changes changes) {

	/** The bundled default cascade. */
	public static final String DEFAULT_SEED = "classpath:tango/cascades/sst2-sentiment/cascade.json";

	/**
	 * How activations are noticed: PostgreSQL LISTEN/NOTIFY on a dedicated connection,
	 * with polling as the fallback (and the only way on the embedded database).
	 *
	 * @param listen whether to LISTEN on PostgreSQL
	 * @param pollInterval how often to poll while not listening
	 * @param listenPollInterval how often to poll anyway while listening, as a safety net
	 * @param reconnectDelay how long to wait before listening again after a failure
	 */
	public record Changes(@DefaultValue("true") boolean listen, @DefaultValue("500ms") Duration pollInterval,
			@DefaultValue("30s") Duration listenPollInterval, @DefaultValue("5s") Duration reconnectDelay) {

	}

}
