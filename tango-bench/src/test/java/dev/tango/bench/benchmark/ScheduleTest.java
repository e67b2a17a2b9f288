package dev.tango.bench.benchmark;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

	@Test
	void everyRepeatRunsEveryVariantOncePerConfigurationAndRotatesTheirOrder() {
		List<Variant> variants = List.of(Variant.PLAIN_IN_ORDER, Variant.TANGO_LAST, Variant.CASCADE);
		List<Schedule.Step> steps = Schedule.of(3, List.of(1, 2), List.of(1, 32), variants);
		assertThat(steps).hasSize(3 * 2 * 2 * 3);
		assertThat(steps.subList(0, 3)).extracting(Schedule.Step::variant).containsExactlyElementsOf(variants);
		assertThat(steps.subList(12, 15)).extracting(Schedule.Step::variant)
			.containsExactly(Variant.TANGO_LAST, Variant.CASCADE, Variant.PLAIN_IN_ORDER);
		for (int i = 0; i < steps.size(); i += 3) {
			List<Schedule.Step> cell = steps.subList(i, i + 3);
			assertThat(cell).extracting(Schedule.Step::variant).containsExactlyInAnyOrderElementsOf(variants);
			assertThat(cell).extracting(Schedule.Step::threads).containsOnly(cell.get(0).threads());
			assertThat(cell).extracting(Schedule.Step::batchSize).containsOnly(cell.get(0).batchSize());
		}
	}

}
