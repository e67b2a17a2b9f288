package dev.tango.bench.distil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

	@Test
	void showsTheFirstCallThenAtMostOnceASecondAndEndsTheLineWhenDone() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "teacher");
		line.done(32, 2000);
		line.done(64, 2000);
		String first = bytes.toString(StandardCharsets.UTF_8);
		assertThat(first).startsWith("\rteacher: 32 / 2,000 (2%)").doesNotContain("64 /").doesNotContain("\n");
		line.done(2000, 2000);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\rteacher: 2,000 / 2,000 (100%)")
			.contains("about 0 s left")
			.endsWith(System.lineSeparator());
	}

	@Test
	void saysTheInputsAreMeasuredWhileNothingIsDone() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "teacher");
		line.done(0, 2000);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rteacher: measuring the inputs' lengths, ")
			.doesNotContain("NaN");
	}

}
