package dev.tango.core.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LinePlotTest {

	@Test
	void drawsOnePointPerValueInsideThePlotArea() {
		String svg = LinePlot.svg("loss <per step>", "step", new double[] { 1, 2, 3, 40 },
				new double[] { 0.69, 0.52, 0.48, 0.31 });
		assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("loss &lt;per step&gt;", ">step</text>");
		String points = svg.substring(svg.indexOf("points=\"") + 8);
		points = points.substring(0, points.indexOf('"'));
		String[] pairs = points.split(" ");
		assertThat(pairs).hasSize(4);
		double previousX = 0;
		for (String pair : pairs) {
			double x = Double.parseDouble(pair.substring(0, pair.indexOf(',')));
			double y = Double.parseDouble(pair.substring(pair.indexOf(',') + 1));
			assertThat(x).isBetween(70.0, 610.0).isGreaterThan(previousX);
			assertThat(y).isBetween(40.0, 215.0);
			previousX = x;
		}
		// the lowest loss is the lowest point on the page (largest y), the highest the
		// highest
		assertThat(Double.parseDouble(pairs[3].split(",")[1]))
			.isGreaterThan(Double.parseDouble(pairs[0].split(",")[1]));
	}

	@Test
	void aSinglePointOrAFlatLineStillHasAxes() {
		String svg = LinePlot.svg("accuracy", "step", new double[] { 5 }, new double[] { 0.8 });
		assertThat(svg).contains("<polyline", "0.8");
		assertThat(LinePlot.svg("flat", "step", new double[] { 0, 10 }, new double[] { 1, 1 })).contains("<polyline");
	}

	@Test
	void refusesMismatchedOrEmptyPoints() {
		assertThatIllegalArgumentException().isThrownBy(() -> LinePlot.svg("t", "x", new double[0], new double[0]));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinePlot.svg("t", "x", new double[] { 1 }, new double[] { 1, 2 }));
	}

}
