package dev.tango.core.calibration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class NormalTest {

	@Test
	void quantilesMatchTables() {
		assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-12));
		assertThat(Normal.quantile(0.8)).isCloseTo(0.8416212335729143, within(1e-8));
		assertThat(Normal.quantile(0.95)).isCloseTo(1.6448536269514722, within(1e-8));
		assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-8));
		assertThat(Normal.quantile(0.999)).isCloseTo(3.090232306167813, within(1e-8));
		assertThat(Normal.quantile(0.01)).isCloseTo(-2.3263478740408408, within(1e-8));
	}

	@Test
	void quantilesAreSymmetric() {
		for (double p : new double[] { 0.001, 0.02, 0.3, 0.45 }) {
			assertThat(Normal.quantile(p)).isCloseTo(-Normal.quantile(1 - p), within(1e-9));
		}
	}

	@Test
	void probabilityMustLieStrictlyBetweenZeroAndOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> Normal.quantile(0));
		assertThatIllegalArgumentException().isThrownBy(() -> Normal.quantile(1));
		assertThatIllegalArgumentException().isThrownBy(() -> Normal.quantile(Double.NaN));
	}

}
