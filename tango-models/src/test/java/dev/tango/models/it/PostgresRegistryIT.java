package dev.tango.models.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.tango.models.changes.ActivationEvent;
import dev.tango.models.changes.ActivationWatcher;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseRequest;
import dev.tango.models.testsupport.PostgresTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry on PostgreSQL. Polling is set so slow here that announcements within
 * {@link RegistryScenarios#ANNOUNCED} (of activations and of release plans) can only come
 * from LISTEN/NOTIFY, which each test waits for.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "tango.registry.seed=" + RegistryScenarios.SEED,
				"tango.registry.changes.listen-poll-interval=60s", "tango.registry.changes.poll-interval=60s",
				"tango.registry.changes.reconnect-delay=200ms", "tango.artifacts.store=target/artifacts-postgres" })
@Import(PostgresTestConfiguration.class)
class PostgresRegistryIT extends RegistryScenarios {

	@Autowired
	ActivationWatcher watcher;

	@Autowired
	ReleasePlans plans;

	@BeforeEach
	void listening() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(this.watcher::isListening);
	}

	/**
	 * PostgreSQL makes the second creator of a new name wait for the first; H2 refuses it
	 * at once, which the embedded registry answers as a conflict.
	 */
	@Test
	void versionsOfANewNameRegisteredAtOnceAreAllKept() throws Exception {
		String model = unique("model");
		String cascade = unique("cascade");
		ModelVersion tier = registerClassifier(unique("model"), LABELS);
		int callers = 4;
		ExecutorService threads = Executors.newFixedThreadPool(callers);
		try {
			CyclicBarrier start = new CyclicBarrier(callers);
			List<Future<int[]>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(threads.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					int modelVersion = registerClassifier(model, LABELS).version();
					int cascadeVersion = this.registry.createCascadeVersion(new NewCascadeVersion(cascade,
							List.of(new NewTier(tier.key(), Gate.maxProbability(0.5), 8, 0),
									new NewTier(tier.key(), null, 8, 0)),
							"race", "test"))
						.version();
					return new int[] { modelVersion, cascadeVersion };
				}));
			}
			List<Integer> modelVersions = new ArrayList<>();
			List<Integer> cascadeVersions = new ArrayList<>();
			for (Future<int[]> result : results) {
				int[] versions = result.get(60, TimeUnit.SECONDS);
				modelVersions.add(versions[0]);
				cascadeVersions.add(versions[1]);
			}
			assertThat(modelVersions).containsExactlyInAnyOrder(1, 2, 3, 4);
			assertThat(cascadeVersions).containsExactlyInAnyOrder(1, 2, 3, 4);
			assertThat(this.registry.listModelVersions(model)).hasSize(callers);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void listensForNotifications() {
		assertThat(this.watcher.isListening()).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
	}

	@Test
	void announcesEveryChangeOfAReleasePlanAtOnce() throws Exception {
		try (WatchedCascade watched = watchedTwoVersionCascade()) {
			this.registry.activate(ActivationRequest.of(watched.name(), 1, "alice", "base of a release"));
			BlockingQueue<String> announced = new LinkedBlockingQueue<>();
			try (RegistryChanges.Subscription subscription = this.watcher.onReleasePlanChange((cascade) -> {
				if (cascade.equals(watched.name())) {
					announced.add(cascade);
				}
			})) {
				this.plans.start(new ReleaseRequest(watched.name(), 2, ReleaseMode.SHADOW, 1, ReleaseBounds.DEFAULT,
						"alice", "announced"));
				assertThat(announced.poll(ANNOUNCED.toMillis(), TimeUnit.MILLISECONDS)).as("start")
					.isEqualTo(watched.name());
				this.plans.abort(watched.name(), null, "alice", "announced too");
				assertThat(announced.poll(ANNOUNCED.toMillis(), TimeUnit.MILLISECONDS)).as("abort")
					.isEqualTo(watched.name());
			}
		}
	}

	@Test
	void listensAgainAfterLosingItsConnection() throws Exception {
		try (WatchedCascade watched = watchedTwoVersionCascade()) {
			List<Boolean> terminated = this.jdbc.queryForList(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?", Boolean.class,
					ActivationWatcher.APPLICATION_NAME);
			assertThat(terminated).contains(true);
			this.registry.activate(ActivationRequest.of(watched.name(), 1, "alice", "after a lost connection"));
			ActivationEvent event = watched.events().poll(5, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.toVersion()).isEqualTo(1);
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(this.watcher::isListening);
			this.registry.activate(ActivationRequest.of(watched.name(), 2, "alice", "listening again"));
			ActivationEvent next = watched.events().poll(ANNOUNCED.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(next).isNotNull();
			assertThat(next.toVersion()).isEqualTo(2);
		}
	}

}
