package dev.tango.models.it;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.tango.models.changes.ActivationWatcher;
import dev.tango.models.testsupport.PostgresTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry on PostgreSQL. Polling is set so slow here that announcements within a
 * second can only come from LISTEN/NOTIFY.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "tango.registry.seed=" + RegistryScenarios.SEED,
				"tango.registry.changes.listen-poll-interval=60s", "tango.registry.changes.poll-interval=60s",
				"tango.artifacts.store=target/artifacts-postgres" })
@Import(PostgresTestConfiguration.class)
class PostgresRegistryIT extends RegistryScenarios {

	@Autowired
	ActivationWatcher watcher;

	@Test
	void listensForNotifications() {
		assertThat(this.watcher.isListening()).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
	}

}
