package dev.tango.train.loop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {

	@Test
	void warmsUpLinearlyThenDecaysLinearlyWithoutReachingZero() {
		LearningRateSchedule schedule = new LearningRateSchedule(1e-3, 10, 110);
		assertThat(schedule.at(1)).isCloseTo(1e-4, within(1e-12));
		assertThat(schedule.at(5)).isCloseTo(5e-4, within(1e-12));
		assertThat(schedule.at(10)).isCloseTo(1e-3, within(1e-12));
		assertThat(schedule.at(11)).isCloseTo(1e-3, within(1e-12));
		assertThat(schedule.at(60)).isCloseTo(0.51e-3, within(1e-12));
		assertThat(schedule.at(110)).isCloseTo(1e-5, within(1e-12));
		assertThatThrownBy(() -> schedule.at(111)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void settingsDeriveTheScheduleFromTheRunLength() {
		TrainingSettings settings = TrainingSettings.defaults().withLength(3, 0);
		assertThat(settings.totalSteps(50)).isEqualTo(150);
		assertThat(settings.withLength(3, 100).totalSteps(50)).isEqualTo(100);
		assertThat(settings.schedule(150)).isEqualTo(new LearningRateSchedule(5e-5, 15, 150));
		assertThat(settings.schedule(1).warmupSteps()).isZero();
	}

}
