package dev.tango.core.plot;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.core.calibration.ThresholdCurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurvePlotTest {

	private static List<ThresholdCurve.Point> points() {
		List<ThresholdCurve.Point> points = new ArrayList<>();
		for (int i = 0; i <= 50; i++) {
			double t = (i == 0) ? 0 : 0.5 + i / 100.0;
			double reach = Math.min(1, Math.max(0, (t - 0.5) * 2));
			points.add(new ThresholdCurve.Point(t, 0.80 + 0.07 * reach, reach, 5000 / (1000 + 4000 * reach)));
		}
		return points;
	}

	@Test
	void theSvgDrawsBothCurvesTheReferenceAndTheChosenThreshold() {
		String svg = CurvePlot.svg(new ThresholdCurve(0, points(), 0.95, 0.87), "SST-2 <dev>");
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
		assertThat(svg).contains("SST-2 &lt;dev&gt;", "last tier alone 87.00%",
				"chosen 0.9500: 86.30%, 90.0% escalated, 1.09x", "threshold of tier 1");
		assertThat(svg.split("<polyline", -1)).hasSize(4);
		assertThat(svg).contains(">0.50</text>", ">1.00</text>", ">100%</text>");
		assertThat(svg.length()).isLessThan(40_000);
	}

	@Test
	void bothLinesHaveOnePointPerPositiveThresholdAndTheChosenLineLiesAmongThem() {
		String svg = CurvePlot.svg(new ThresholdCurve(0, points(), 0.95, null), "no reference");
		List<Double> accuracy = xs(svg, "accuracy-line");
		assertThat(accuracy).hasSize(50).isSorted();
		assertThat(xs(svg, "escalation-line")).isEqualTo(accuracy);
		assertThat(xs(svg, "speedup-line")).isEqualTo(accuracy);
		String chosen = svg.substring(svg.indexOf("id=\"chosen\" x1=\"") + 16);
		assertThat(Double.parseDouble(chosen.substring(0, chosen.indexOf('"')))).isBetween(accuracy.get(0),
				accuracy.get(accuracy.size() - 1));
		assertThat(svg).doesNotContain("last tier alone");
	}

	@Test
	void eachThresholdShowsItsValuesOnHoverAndTheChosenPointIsMarkedOnEveryAxis() {
		String svg = CurvePlot.svg(new ThresholdCurve(0, points(), 0.95, 0.87), "hover");
		assertThat(svg.split("class=\"hover-point\"", -1)).as("one column per positive threshold").hasSize(51);
		assertThat(svg).contains("data-threshold=\"0.9500\" data-accuracy=\"86.30\" data-escalation=\"90.0\" "
				+ "data-speedup=\"1.09\"><title>threshold 0.9500: accuracy 86.30%, 90.0% escalated, speedup 1.09x</title>");
		int marks = svg.indexOf("<g id=\"chosen-point\"");
		assertThat(svg.substring(marks, svg.indexOf("</g>", marks)).split("<circle", -1)).hasSize(4);
		assertThat(svg).contains(">speedup</text>", ">escalated</text>", ">1x</text>", ">5x</text>");
	}

	@Test
	void aCurveOfOnePointIsNotPlotted() {
		ThresholdCurve single = new ThresholdCurve(0, List.of(new ThresholdCurve.Point(0.5, 0.9, 0.5, 1)), 0.5, null);
		assertThatThrownBy(() -> CurvePlot.svg(single, "x")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("A threshold curve is plotted from at least two points");
	}

	private static List<Double> xs(String svg, String id) {
		String rest = svg.substring(svg.indexOf("id=\"" + id + "\""));
		rest = rest.substring(rest.indexOf("points=\"") + 8);
		List<Double> xs = new ArrayList<>();
		for (String point : rest.substring(0, rest.indexOf('"')).split(" ")) {
			xs.add(Double.parseDouble(point.substring(0, point.indexOf(','))));
		}
		return xs;
	}

}
