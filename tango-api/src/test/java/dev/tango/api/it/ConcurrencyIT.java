package dev.tango.api.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.DistributionSummary;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once: every answer is the one the input gets alone, in input order,
 * while the batcher merges the inputs of concurrent requests.
 */
class ConcurrencyIT extends ServiceIT {

	static final List<String> POSITIVE = List.of("a wonderful , moving and beautifully acted film .",
			"one of the best and most delightful movies of the year .", "a joyous , funny and heartfelt triumph .",
			"brilliant performances and a gorgeous , uplifting story .");

	static final List<String> NEGATIVE = List.of("a dull , boring and painfully bad movie .",
			"the worst film i have seen in years , tedious and unwatchable .",
			"a stupid , lifeless mess that wastes its cast .", "an ugly , pointless and thoroughly annoying film .");

	private static final int CLIENTS = 16;

	private static final int REQUESTS = 20;

	@Test
	void answersConcurrentClientsCorrectlyAndInOrder() throws Exception {
		List<String> sentences = new ArrayList<>(POSITIVE);
		sentences.addAll(NEGATIVE);
		List<String> alone = new ArrayList<>();
		for (String sentence : sentences) {
			Response response = post("/v1/classify", inputs(List.of(sentence)));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			alone.add(response.json().get("results").get(0).get("label").stringValue());
		}
		assertThat(alone.subList(0, POSITIVE.size())).as("positive sentences").containsOnly("positive");
		assertThat(alone.subList(POSITIVE.size(), sentences.size())).as("negative sentences").containsOnly("negative");

		int version = active().version().version();
		DistributionSummary firstTier = this.meters.get("tango.batch.size")
			.tag("cascade", SentimentCascadeFixture.NAME)
			.tag("version", Integer.toString(version))
			.tag("tier", "0")
			.summary();
		long callsBefore = firstTier.count();
		double inputsBefore = firstTier.totalAmount();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				Random random = new Random(1000L + c);
				results.add(clients.submit(() -> {
					int checked = 0;
					for (int r = 0; r < REQUESTS; r++) {
						int size = 1 + random.nextInt(6);
						List<Integer> picks = new ArrayList<>();
						for (int i = 0; i < size; i++) {
							picks.add(random.nextInt(sentences.size()));
						}
						Response response = post("/v1/classify", inputs(picks.stream().map(sentences::get).toList()));
						assertThat(response.status()).as(response.body()).isEqualTo(200);
						JsonNode body = response.json();
						assertThat(body.get("version").intValue()).isEqualTo(version);
						List<JsonNode> answers = List.copyOf(body.get("results").values());
						assertThat(answers).hasSize(size);
						for (int i = 0; i < size; i++) {
							assertThat(answers.get(i).get("label").stringValue()).as("input %d of %s", i, picks)
								.isEqualTo(alone.get(picks.get(i)));
						}
						checked += size;
					}
					return checked;
				}));
			}
			int checked = 0;
			for (Future<Integer> result : results) {
				checked += result.get();
			}
			assertThat(checked).isGreaterThanOrEqualTo(CLIENTS * REQUESTS);
		}
		finally {
			clients.shutdownNow();
		}
		long calls = firstTier.count() - callsBefore;
		double inputs = firstTier.totalAmount() - inputsBefore;
		System.out.printf("%d clients x %d requests: %.0f inputs in %d calls of the first tier (%.1f per call)%n",
				CLIENTS, REQUESTS, inputs, calls, inputs / calls);
		assertThat(inputs / calls).as("inputs per first-tier call: requests are merged").isGreaterThan(1.5);
	}

}
