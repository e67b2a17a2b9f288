package dev.tango.train.loop;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.tango.core.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TrainingSettingsTest {

	@ParameterizedTest(name = "{1}")
	@MethodSource
	void aSettingOutOfRangeIsRefusedByItsName(UnaryOperator<TrainingSettings> change, String setting, String problem) {
		TrainingSettings defaults = TrainingSettings.defaults();
		assertThatThrownBy(() -> change.apply(defaults)).isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
			assertThat(ex.setting()).isEqualTo(setting);
			assertThat(ex.problem()).isEqualTo(problem);
			assertThat(ex).hasMessage(setting + " " + problem);
		});
	}

	static Stream<Arguments> aSettingOutOfRangeIsRefusedByItsName() {
		return Stream.of(
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withLength(0, 0), "epochs",
						"must be at least 1, was 0"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withLength(1, -1), "maxSteps",
						"must be 0 or more, was -1"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withBatchSize(0), "batchSize",
						"must be at least 1, was 0"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withOptimiser(Double.NaN, 0.1, 0.01, 1),
						"learningRate", "must be positive, was NaN"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withOptimiser(1e-4, 1, 0.01, 1), "warmupFraction",
						"must lie in [0, 1), was 1.0"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withOptimiser(1e-4, 0.1, -0.01, 1), "weightDecay",
						"must be 0 or more, was -0.01"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withEvaluation(-1, 0), "evaluateEvery",
						"must be 0 or more, was -1"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withEvaluation(0, -2), "patience",
						"must be 0 or more, was -2"),
				arguments((UnaryOperator<TrainingSettings>) (s) -> s.withCheckpointEvery(-5), "checkpointEvery",
						"must be 0 or more, was -5"));
	}

	@Test
	void zeroWarmupWeightDecayAndClippingAreAllowed() {
		TrainingSettings defaults = TrainingSettings.defaults();
		assertThat(defaults.withOptimiser(defaults.learningRate(), 0, 0, 0).warmupFraction()).isZero();
	}

}
