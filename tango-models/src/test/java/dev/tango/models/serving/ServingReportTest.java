package dev.tango.models.serving;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ServingReport}'s message is cut to what the database keeps, at a character
 * boundary.
 */
class ServingReportTest {

	@Test
	void cutsALongMessageBetweenCharactersNotInsideOne() {
		String message = "x" + "\uD83D\uDE00".repeat(ServingReport.MESSAGE_LIMIT);
		ServingReport report = new ServingReport("i", "c", 1, null, "FAILED", message, Instant.EPOCH);
		assertThat(report.message()).hasSize(1 + 2 * (ServingReport.MESSAGE_LIMIT - 1))
			.startsWith("x")
			.endsWith("\uD83D\uDE00");
		assertThat(report.message().codePointCount(0, report.message().length()))
			.isEqualTo(ServingReport.MESSAGE_LIMIT);
	}

	@Test
	void keepsAMessageWithinTheLimitWhole() {
		String message = "\uD83D\uDE00".repeat(ServingReport.MESSAGE_LIMIT);
		assertThat(new ServingReport("i", "c", 1, 1, "SERVING", message, Instant.EPOCH).message()).isEqualTo(message);
	}

}
