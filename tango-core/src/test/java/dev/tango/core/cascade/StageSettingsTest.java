package dev.tango.core.cascade;

import org.junit.jupiter.api.Test;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StageSettingsTest {

	@Test
	void refusesSettingsNoCascadeCanRouteWith() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StageSettings(0, ConfidenceMeasure.MARGIN, 1, 0.5))
			.withMessageContaining("batchSize must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new StageSettings(4, ConfidenceMeasure.MARGIN, 0, 0.5))
			.withMessageContaining("temperature must be a positive number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StageSettings(4, ConfidenceMeasure.MARGIN, Double.POSITIVE_INFINITY, 0.5))
			.withMessageContaining("temperature");
		assertThatIllegalArgumentException().isThrownBy(() -> new StageSettings(4, ConfidenceMeasure.MARGIN, 1, 1.01))
			.withMessageContaining("threshold must lie in [0, 1], was 1.01");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StageSettings(4, ConfidenceMeasure.MARGIN, 1, Double.NaN))
			.withMessageContaining("threshold");
	}

	@Test
	void copiesChangeOnlyTheNamedSetting() {
		StageSettings settings = new StageSettings(8, ConfidenceMeasure.ENTROPY, 1.5, 0.7);
		assertThat(settings.withBatchSize(32)).isEqualTo(new StageSettings(32, ConfidenceMeasure.ENTROPY, 1.5, 0.7));
		assertThat(settings.withThreshold(0.9)).isEqualTo(new StageSettings(8, ConfidenceMeasure.ENTROPY, 1.5, 0.9));
		assertThat(StageSettings.answering(16))
			.isEqualTo(new StageSettings(16, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.0));
	}

	@Test
	void aStageReadsItsSettingsThroughTheOldAccessors() {
		FakeTier tier = FakeTier.reading("small", 0);
		Stage stage = new Stage(tier, 4, ConfidenceMeasure.MARGIN, 2.0, 0.6);
		assertThat(stage.settings()).isEqualTo(new StageSettings(4, ConfidenceMeasure.MARGIN, 2.0, 0.6));
		assertThat(stage.batchSize()).isEqualTo(4);
		assertThat(stage.measure()).isEqualTo(ConfidenceMeasure.MARGIN);
		assertThat(stage.temperature()).isEqualTo(2.0);
		assertThat(stage.threshold()).isEqualTo(0.6);
		assertThatIllegalArgumentException().isThrownBy(() -> new Stage(tier, 4, ConfidenceMeasure.MARGIN, 2.0, -0.1))
			.withMessageContaining("threshold");
	}

}
