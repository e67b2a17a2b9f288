package dev.tango.api.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.data.LabelledDataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new version activated while clients send requests: no request fails, every response
 * names the version that produced it, and its answers follow that version's threshold.
 */
class VersionSwitchIT extends ServiceIT {

	private static final int CLIENTS = 6;

	@Test
	void switchesVersionsUnderLoadWithoutFailingARequest() throws Exception {
		CascadeVersion before = active().version();
		List<NewTier> tiers = new ArrayList<>();
		for (CascadeTier tier : before.tiers()) {
			// Threshold 0: the first tier answers every input.
			Gate gate = (tier.gate() != null) ? Gate.maxProbability(0.0) : null;
			tiers.add(new NewTier(tier.model().key(), gate, tier.batchSize(), tier.maxBatchDelayMillis()));
		}
		CascadeVersion after = this.registry
			.createCascadeVersion(new NewCascadeVersion(before.cascade(), tiers, "threshold 0", "version-switch-test"));
		LabelledDataset dev = SentimentCascadeFixture.sst2("dev.tsv").slice(200, 400);
		List<String> texts = dev.inputs().stream().map((input) -> input.text()).toList();

		AtomicBoolean stop = new AtomicBoolean();
		ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<List<JsonNode>>> runs = new ArrayList<>();
		try {
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				runs.add(clients.submit(() -> {
					List<JsonNode> seen = new ArrayList<>();
					for (int r = 0; !stop.get(); r++) {
						int from = (client * 37 + r * 3) % (texts.size() - 3);
						Response response = post("/v1/classify", inputs(texts.subList(from, from + 3)));
						if (response.status() != 200) {
							problems.add(response.status() + " " + response.body());
						}
						else {
							seen.add(response.json());
						}
					}
					return seen;
				}));
			}
			Thread.sleep(1500);
			this.registry
				.activate(ActivationRequest.of(before.cascade(), after.version(), "version-switch-test", "under load"));
			await().atMost(Duration.ofMinutes(1))
				.until(() -> this.server.require(before.cascade(), null).versionNumber() == after.version());
			Thread.sleep(1500);
		}
		finally {
			stop.set(true);
			clients.shutdown();
		}
		List<List<JsonNode>> responses = new ArrayList<>();
		for (Future<List<JsonNode>> run : runs) {
			responses.add(run.get());
		}
		try {
			assertThat(problems).as("failed requests").isEmpty();
			int[] counts = new int[2];
			boolean oldVersionEscalated = false;
			for (List<JsonNode> client : responses) {
				int last = before.version();
				for (JsonNode response : client) {
					int version = response.get("version").intValue();
					assertThat(version).isIn(before.version(), after.version());
					assertThat(version).as("a client never goes back to the old version").isGreaterThanOrEqualTo(last);
					last = version;
					List<Integer> answeredBy = response.get("results")
						.values()
						.stream()
						.map((result) -> result.get("tier").get("index").intValue())
						.toList();
					if (version == after.version()) {
						counts[1]++;
						assertThat(answeredBy).as("threshold 0 of version %d", version).containsOnly(0);
						assertThat(response.get("tiers").get(1).get("inputs").intValue()).isZero();
					}
					else {
						counts[0]++;
						oldVersionEscalated |= answeredBy.contains(1);
					}
				}
			}
			System.out.printf("Version switch under load: %d responses from version %d, %d from version %d%n",
					counts[0], before.version(), counts[1], after.version());
			assertThat(counts[0]).isPositive();
			assertThat(counts[1]).isPositive();
			assertThat(oldVersionEscalated).as("version %d's threshold sends unsure inputs on", before.version())
				.isTrue();
		}
		finally {
			this.registry
				.activate(ActivationRequest.of(before.cascade(), before.version(), "version-switch-test", "restore"));
			await().atMost(Duration.ofMinutes(1))
				.until(() -> this.server.require(before.cascade(), null).versionNumber() == before.version());
		}
	}

}
