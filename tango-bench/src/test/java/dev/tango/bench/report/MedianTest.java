package dev.tango.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MedianTest {

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Median.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(Median.of(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
		assertThat(Median.of(List.of())).isNaN();
	}

	@Test
	void aNaNValueGivesNaN() {
		assertThat(Median.of(List.of(1.0, Double.NaN, 3.0))).isNaN();
	}

	@Test
	void theValueOfEachItemCanBeRead() {
		assertThat(Median.of(List.of("a", "bbb", "cc", "dddd"), String::length)).isEqualTo(2.5);
	}

}
