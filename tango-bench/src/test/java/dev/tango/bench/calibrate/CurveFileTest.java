package dev.tango.bench.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.core.calibration.AccuracyBudgetPolicy;
import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.ThresholdChoice;
import dev.tango.core.calibration.ThresholdCurve;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.calibration.TierPredictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CurveFileTest {

	@TempDir
	Path folder;

	static ThresholdSweep sweep(int tiers) {
		int n = 40;
		int[] truth = new int[n];
		List<TierPredictions> predictions = new java.util.ArrayList<>();
		for (int k = 0; k < tiers; k++) {
			int[] labels = new int[n];
			double[] confidences = new double[n];
			for (int i = 0; i < n; i++) {
				truth[i] = i % 2;
				boolean right = (i * (k + 3)) % 7 != 0 || k == tiers - 1;
				labels[i] = right ? truth[i] : 1 - truth[i];
				confidences[i] = 0.5 + ((i * 37 + k * 11) % 50) / 100.0;
			}
			predictions.add(new TierPredictions(labels, confidences));
		}
		double[] costs = new double[tiers];
		for (int k = 0; k < tiers; k++) {
			costs[k] = Math.pow(5, k) * 1000;
		}
		return ThresholdSweep.of(new LabelledPredictions(truth, predictions), TierCosts.of(costs));
	}

	@Test
	void writtenCurvesReadBackWithTheChosenPointMarked() throws IOException {
		for (int tiers : new int[] { 2, 3 }) {
			ThresholdSweep sweep = sweep(tiers);
			ThresholdChoice choice = new AccuracyBudgetPolicy(0.05, 0.6).choose(sweep);
			List<CurveFile.Row> rows = CurveFile.rows(sweep, choice.thresholds(), 0.6);
			Path file = this.folder.resolve("curve-" + tiers + ".csv");
			CurveFile.write(rows, file);
			List<CurveFile.Row> read = CurveFile.read(file);
			assertThat(read).hasSize(sweep.points().size());
			assertThat(read.stream().filter(CurveFile.Row::chosen).toList()).singleElement()
				.satisfies((row) -> assertThat(row.thresholds()).isEqualTo(choice.thresholds()));
			for (int i = 0; i < read.size(); i++) {
				assertThat(read.get(i).thresholds()).isEqualTo(rows.get(i).thresholds());
				assertThat(read.get(i).accuracy()).isCloseTo(rows.get(i).accuracy(), within(1e-6));
				assertThat(read.get(i).reach()).hasSize(tiers - 1);
				assertThat(read.get(i).speedup()).isCloseTo(rows.get(i).speedup(), within(1e-4));
				assertThat(read.get(i).dropUpperBound()).isCloseTo(sweep.points().get(i).dropUpperBound(0.6),
						within(1e-6));
			}
			String header = Files.readAllLines(file).get(0);
			assertThat(header).startsWith("threshold_1,").contains("reach_" + tiers).endsWith(",chosen");
		}
	}

	@Test
	void aTwoTierCurveIsShownAsItsGatesCurveTheChosenRowMarked() {
		ThresholdSweep sweep = sweep(2);
		ThresholdChoice choice = new AccuracyBudgetPolicy(0.05, 0.6).choose(sweep);
		ThresholdCurve curve = CurveFile.curve(CurveFile.rows(sweep, choice.thresholds(), 0.6));
		assertThat(curve).isEqualTo(ThresholdCurve.of(sweep, choice.thresholds(), 0));

		List<CurveFile.Row> threeTiers = CurveFile.rows(sweep(3), List.of(0.5, 0.5), 0.6);
		assertThatThrownBy(() -> CurveFile.curve(threeTiers)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Plots show the curve of a two-tier cascade");
		List<CurveFile.Row> noneChosen = CurveFile.rows(sweep, List.of(2.0), 0.6);
		assertThatThrownBy(() -> CurveFile.curve(noneChosen)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("No row of the curve is marked chosen");
	}

	@Test
	void aFileThatIsNoCurveIsRefused() throws IOException {
		Path file = this.folder.resolve("other.csv");
		Files.writeString(file, "a,b\n1,2\n");
		assertThatThrownBy(() -> CurveFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("curve");
	}

	@Test
	void aCurveWithAMissingFieldANonFiniteValueOrNoPointIsRefusedSayingWhere() throws IOException {
		Path written = this.folder.resolve("curve.csv");
		CurveFile.write(CurveFile.rows(sweep(2), List.of(0.5), 0.9), written);
		List<String> lines = Files.readAllLines(written);

		Path shortRow = Files.writeString(this.folder.resolve("short.csv"),
				lines.get(0) + "\n" + lines.get(1).substring(0, lines.get(1).lastIndexOf(',')) + "\n");
		assertThatThrownBy(() -> CurveFile.read(shortRow)).hasMessage(shortRow + ": row 1 has 9 fields, the header 10");

		String[] fields = lines.get(1).split(",");
		fields[1] = "NaN";
		Path nan = Files.writeString(this.folder.resolve("nan.csv"), lines.get(0) + "\n" + String.join(",", fields));
		assertThatThrownBy(() -> CurveFile.read(nan))
			.hasMessage(nan + ": row 1, column accuracy: NaN is not a finite number");

		Path header = Files.writeString(this.folder.resolve("header.csv"), lines.get(0) + "\n");
		assertThatThrownBy(() -> CurveFile.read(header))
			.hasMessage(header + ": the curve has no points, only its header");
	}

	@Test
	void aCurveSavedWithAByteOrderMarkReadsAsWithout() throws IOException {
		Path written = this.folder.resolve("curve.csv");
		CurveFile.write(CurveFile.rows(sweep(2), List.of(0.5), 0.9), written);
		Path marked = Files.writeString(this.folder.resolve("marked.csv"), "\uFEFF" + Files.readString(written));
		assertThat(CurveFile.read(marked)).isEqualTo(CurveFile.read(written));
	}

}
