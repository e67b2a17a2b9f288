package dev.tango.api.it;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission judges a request by the length of its inputs, on the real tiers: what a
 * request of long texts teaches the estimate does not refuse a full request of short
 * texts on an idle service. Counted per input, the long texts' cost made 256 short inputs
 * look like many seconds of work.
 */
@TestPropertySource(properties = "tango.api.request-timeout=2s")
class LengthAwareAdmissionIT extends ServiceIT {

	private static final String LONG_REVIEW = "a long and winding review that says little either way . ".repeat(48);

	@Test
	void aRequestOfLongTextsDoesNotShutOutShortOnes() {
		String shortBody = inputs(List.of("2 hours", "the film is neither good nor bad", "a wonderful film ."));
		// Until both tiers have run a call, admission knows no cost.
		await().atMost(Duration.ofMinutes(1)).until(() -> {
			assertThat(post("/v1/classify", shortBody).status()).isEqualTo(200);
			return cost(0) > 0 && cost(1) > 0;
		});
		Response longTexts = post("/v1/classify", inputs(Collections.nCopies(8, LONG_REVIEW)));
		assertThat(longTexts.status()).as(longTexts.body()).isEqualTo(200);

		Response many = post("/v1/classify", inputs(Collections.nCopies(256, "a wonderful film .")));
		assertThat(many.status()).as(many.body()).isEqualTo(200);
		assertThat(rejections("overloaded")).isZero();
	}

	private double cost(int tier) {
		return this.meters.get("tango.admission.cost")
			.tag("cascade", SentimentCascadeFixture.NAME)
			.tag("tier", Integer.toString(tier))
			.gauge()
			.value();
	}

}
