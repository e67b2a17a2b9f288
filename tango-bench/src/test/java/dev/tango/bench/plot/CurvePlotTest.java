package dev.tango.bench.plot;

import java.util.ArrayList;
import java.util.List;

import dev.tango.bench.calibrate.CurveFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurvePlotTest {

	private static List<CurveFile.Row> curve() {
		List<CurveFile.Row> rows = new ArrayList<>();
		for (int i = 0; i <= 50; i++) {
			double t = (i == 0) ? 0 : 0.5 + i / 100.0;
			double reach = Math.min(1, Math.max(0, (t - 0.5) * 2));
			double accuracy = 0.80 + 0.07 * reach;
			rows.add(new CurveFile.Row(List.of(t), accuracy, 0.87, List.of(reach), 1000 + 4000 * reach,
					5000 / (1000 + 4000 * reach), 0.87 - accuracy, 0.01, 0.87 - accuracy + 0.008, i == 45));
		}
		return rows;
	}

	@Test
	void theSvgDrawsBothCurvesTheReferenceAndTheChosenThreshold() {
		String svg = CurvePlot.svg(curve(), "SST-2 <dev>");
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
		assertThat(svg).contains("SST-2 &lt;dev&gt;", "last tier alone 87.00%", "chosen 0.9500: 86.30%, 1.09x");
		assertThat(svg.split("<polyline", -1)).hasSize(3);
		assertThat(svg).contains(">0.50</text>", ">1.00</text>");
		assertThat(svg.length()).isLessThan(20_000);
	}

	@Test
	void onlyTwoTierCurvesArePlotted() {
		CurveFile.Row row = new CurveFile.Row(List.of(0.5, 0.5), 0.9, 0.9, List.of(0.5, 0.2), 1, 1, 0, 0, 0, false);
		assertThatThrownBy(() -> CurvePlot.svg(List.of(row, row), "x")).isInstanceOf(IllegalArgumentException.class);
	}

}
