package dev.tango.core.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SvgTest {

	@Test
	void axisRangesAreRoundAndHoldTheData() {
		double[] range = Svg.niceRange(81.4, 87.2);
		assertThat(range[0]).isLessThanOrEqualTo(81.4);
		assertThat(range[1]).isGreaterThanOrEqualTo(87.2);
		assertThat(range[2]).isIn(1.0, 2.0, 2.5);
		assertThat(Svg.niceRange(0, 4.3)).containsExactly(0, 5, 1);
	}

	@Test
	void scalesMapTheAxisEndsToTheirPixelsEitherWay() {
		Svg.Scale horizontal = new Svg.Scale(0, 10, 70, 690);
		assertThat(horizontal.at(0)).isEqualTo(70);
		assertThat(horizontal.at(5)).isEqualTo(380);
		Svg.Scale vertical = new Svg.Scale(80, 90, 345, 40);
		assertThat(vertical.at(80)).isEqualTo(345);
		assertThat(vertical.at(90)).isEqualTo(40);
	}

	@Test
	void numbersLoseTrailingZerosAndTextIsEscaped() {
		assertThat(Svg.trim(2.50)).isEqualTo("2.5");
		assertThat(Svg.trim(3.0)).isEqualTo("3");
		assertThat(Svg.escape("a<b & c>")).isEqualTo("a&lt;b &amp; c&gt;");
	}

}
