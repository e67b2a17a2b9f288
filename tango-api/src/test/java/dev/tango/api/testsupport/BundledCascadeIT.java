package dev.tango.api.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.tango.api.TangoApiApplication;
import dev.tango.api.serving.CascadeServer;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.testsupport.PostgresTestConfiguration;

import static org.awaitility.Awaitility.await;

/**
 * The service on a random port over PostgreSQL, seeded with the bundled SST-2 cascade
 * ({@value #CASCADE}), which serves before each test. Subclasses add their settings with
 * {@code @TestPropertySource}; those with the same settings share one application
 * context.
 */
@SpringBootTest(classes = TangoApiApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tango.registry.seed=classpath:tango/cascades/sst2-sentiment/cascade.json",
				"tango.artifacts.store=target/artifacts-it", "tango.api.request-timeout=60s" })
@Import(PostgresTestConfiguration.class)
public abstract class BundledCascadeIT {

	/** The bundled cascade's name. */
	protected static final String CASCADE = "sst2-sentiment";

	@LocalServerPort
	protected int port;

	@Autowired
	protected CascadeServer server;

	@Autowired
	protected ModelRegistry registry;

	@BeforeEach
	void awaitServing() {
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(this.server::ready);
	}

	/**
	 * Returns a client of the service.
	 * @return the client
	 */
	protected LocalService service() {
		return new LocalService(this.port);
	}

}
