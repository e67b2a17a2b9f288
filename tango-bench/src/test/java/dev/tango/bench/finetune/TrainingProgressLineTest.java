package dev.tango.bench.finetune;

import java.time.Duration;

import dev.tango.train.loop.TrainingProgress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingProgressLineTest {

	@Test
	void theLineShowsStepsBarLossHeldOutAccuracyAndEta() {
		TrainingProgress progress = new TrainingProgress(50, 200, 0, 0.41234, 5e-5, 1.2, 0.85321, true, false, 2.5,
				Duration.ofSeconds(3725));
		assertThat(TrainingProgressLine.line(progress))
			.isEqualTo("step 50/200 [######..................] loss 0.4123  held-out acc 0.8532  ETA 1:02:05");
	}

	@Test
	void beforeTheFirstEvaluationTheAccuracyIsADash() {
		TrainingProgress progress = new TrainingProgress(1, 4, 0, 0.7, 5e-5, 1.2, Double.NaN, false, false, 1,
				Duration.ofSeconds(3));
		assertThat(TrainingProgressLine.line(progress)).contains("held-out acc   -   ").endsWith("ETA 0:00:03");
	}

}
