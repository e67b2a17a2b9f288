package dev.tango.bench.calibrate;

import java.util.List;

import dev.tango.core.calibration.AccuracyBudgetPolicy;
import dev.tango.core.calibration.CalibrationOptions;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.Validation;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.data.LabelledDataset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationReportTest {

	@Test
	void theReportGivesEachTierTheCascadeAsEstimatedAndAsRunAndTheCurve() {
		LabelledDataset data = LabelledRunsTest.data();
		List<Stage> stages = LabelledRunsTest.stages();
		LabelledRuns runs = LabelledRuns.measure(stages, data);
		ThresholdSweep sweep = ThresholdSweep.of(runs.predictions(), runs.costs());
		CascadeResult engine = new Cascade(stages).classify(data.inputs(), false);
		EvaluationReport report = new EvaluationReport("demo", runs, sweep, runs.evaluate(List.of(0.7)),
				List.of(List.of(0.0)), engine);

		String markdown = report.markdown(5);
		assertThat(markdown).contains("#### Cascade `demo` on `reviews.tsv`", "| 1 | cheap | 62.50% |",
				"| 2 | costly | 62.50% |", "1 rows have labels the cascade does not know");
		// At 0.7 the cheap tier answers the three inputs holding "good" (confidence
		// 0.73), rightly,
		// and passes on the five others (0.56); the costly tier is right on all of them
		// but "dull",
		// whose label the cascade does not know.
		assertThat(markdown).contains("| at its thresholds, estimated | 0.7000 | 87.50% |",
				"| at its thresholds, engine run | 0.7000 | 87.50% |", "| estimated | 0.0000 | 62.50% |");
		ObjectNode json = report.json();
		assertThat(json.get("atThresholds").get("accuracy").asDouble()).isEqualTo(0.875);
		assertThat(json.get("engine").get("accuracy").asDouble()).isEqualTo(0.875);
		assertThat(json.get("engine").get("reach").get(0).asDouble()).isEqualTo(0.625);
		assertThat(json.get("others").get(0).get("reach").get(0).asDouble()).isZero();
		assertThat(json.get("unknownLabels").asInt()).isEqualTo(1);
	}

	@Test
	void theCalibrationSummaryStatesTheChoiceAndItsMethod() {
		LabelledRuns runs = LabelledRuns.measure(LabelledRunsTest.stages(), LabelledRunsTest.data());
		Calibration calibration = Calibration.of(runs,
				new PolicySpec(AccuracyBudgetPolicy.NAME, 0.2, null, 0.5, null, null, null),
				new CalibrationOptions(new Validation.CrossFitted(2), 42, false, null));
		String summary = calibration.summary(List.of(0.9));
		assertThat(summary).contains("| 0.50 |", "| 0.90 |", calibration.choice().method());
		ObjectNode record = calibration.record("curve.csv", "tango bench calibrate");
		assertThat(record.get("policy").asString()).isEqualTo("accuracy-budget");
		assertThat(record.get("maxDrop").asDouble()).isEqualTo(0.2);
		assertThat(record.get("chosen").get("thresholds").get(0).asDouble())
			.isEqualTo(calibration.choice().thresholds().get(0));
		// The drift reference: per tier, the label shares of the answers it gives there.
		JsonNode shares = record.get("chosen").get("labelShares");
		assertThat(shares).hasSize(2);
		for (JsonNode tier : shares) {
			double sum = 0;
			for (JsonNode share : tier) {
				sum += share.asDouble();
			}
			assertThat(tier.isEmpty() ? 1.0 : sum).isCloseTo(1.0, within(1e-5));
		}
		assertThat(shares.get(0).size() + shares.get(1).size()).isPositive();
		assertThat(calibration.summaryJson(List.of()).get("heldOut").get("validation").asString())
			.isEqualTo("2-fold cross-fitting");
		assertThat(calibration.summaryJson(List.of()).get("heldOut").get("rows").asInt()).isEqualTo(8);
		assertThat(summary).contains("Out of sample (2-fold cross-fitting, 8 rows)");
		assertThat(calibration.summaryJson(List.of(0.9)).get("choices")).hasSize(2);
		assertThat(calibration.curve()).filteredOn(CurveFile.Row::chosen).hasSize(1);
	}

}
