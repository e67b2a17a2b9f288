package dev.tango.models.serving;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tango.core.tier.UnicodeText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ServingReport}'s message is cut to what the database keeps, between
 * characters.
 */
class ServingReportTest {

	private static final String GRINNING = "\uD83D\uDE00";

	@Test
	void cutsALongMessageBetweenCharactersNotInsideOne() {
		// the limit falls after the first half of a pair, which goes whole
		String kept = new ServingReport("i", "c", 1, null, "FAILED", GRINNING.repeat(ServingReport.MESSAGE_LIMIT),
				Instant.EPOCH)
			.message();
		assertThat(kept).isEqualTo(GRINNING.repeat((ServingReport.MESSAGE_LIMIT - 2) / 2) + "…");
		assertThat(UnicodeText.loneSurrogateAt(kept)).isEqualTo(-1);
	}

	@Test
	void keepsAMessageWithinTheLimitWhole() {
		String message = GRINNING.repeat(ServingReport.MESSAGE_LIMIT / 2);
		assertThat(new ServingReport("i", "c", 1, 1, "SERVING", message, Instant.EPOCH).message()).isEqualTo(message);
	}

}
