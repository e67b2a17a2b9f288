package dev.tango.admin.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors of jobs whose attempt threw an {@link Error}.
 */
class AttemptErrorsTest {

	@Test
	void runningOutOfMemorySaysWhichMemoryInWhichPhaseAndThatTheJobIsNotRestarted() {
		assertThat(AttemptErrors.describe(new OutOfMemoryError("Java heap space"), "fitting"))
			.startsWith("Ran out of memory (Java heap space) while fitting; the job is not restarted automatically, ")
			.contains("a larger -Xmx");
		assertThat(AttemptErrors.describe(new OutOfMemoryError(), null))
			.startsWith("Ran out of memory before it reported any progress; the job is not restarted automatically");
	}

	@Test
	void anErrorsMessageThatCouldNameAHostPathIsLeftOut() {
		assertThat(AttemptErrors.describe(new OutOfMemoryError("Cannot map /srv/tango/heads/x.json"), "registering"))
			.startsWith("Ran out of memory while registering; ")
			.doesNotContain("/srv");
		assertThat(AttemptErrors.describe(new UnsatisfiedLinkError("C:\\tango\\lib\\x.dll"), "training"))
			.isEqualTo("Failed on an internal error (UnsatisfiedLinkError) while training; the job is not restarted "
					+ "automatically: the instance's log has the details");
		assertThat(AttemptErrors.describe(new StackOverflowError(), "the teacher labelling the texts"))
			.startsWith("Ran out of stack (StackOverflowError) while the teacher labelling the texts; ");
	}

}
