package dev.tango.bench.calibrate;

import java.util.ArrayList;
import java.util.List;

import dev.tango.bench.cascade.Json;
import dev.tango.core.calibration.CalibrationOptions;
import dev.tango.core.calibration.CalibrationOutcome;
import dev.tango.core.calibration.CalibrationPipeline;
import dev.tango.core.calibration.CalibrationSummary;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.Validation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench's policy options and the admin's calibrate job JSON ask for the same policy
 * the same way: the options parse into the {@link PolicySpec} that the job's
 * {@code policy} object binds to, and on the same runs both choose the same thresholds
 * (the bench through {@link Calibration}, the job through the {@link CalibrationPipeline}
 * as {@code CalibrateJob} calls it) and report the same {@link CalibrationSummary}.
 */
class PolicyOptionsTest {

	private static final CalibrationOptions OPTIONS = new CalibrationOptions(new Validation.CrossFitted(2), 42, false,
			null);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					(no option)                                            | {"name": "accuracy-budget"}
					--max-drop 0.2 --confidence-level 0.5                  | {"name": "accuracy-budget", "maxDrop": 0.2, "confidenceLevel": 0.5}
					--policy escalation-budget --max-escalation 0.4        | {"name": "escalation-budget", "maxEscalation": 0.4}
					--policy risk-control --max-risk 0.3 --alpha 0.2 --loss ERROR | {"name": "risk-control", "maxRisk": 0.3, "alpha": 0.2, "loss": "ERROR"}
					""")
	void optionsAndJobJsonGiveTheSamePolicyAndTheSameThresholds(String options, String json) {
		PolicySpec fromOptions = parse(options);
		PolicySpec fromJob = Json.MAPPER.readValue(json, PolicySpec.class);
		assertThat(fromOptions.parameters()).isEqualTo(fromJob.parameters());

		LabelledRuns runs = LabelledRuns.measure(LabelledRunsTest.stages(), LabelledRunsTest.data());
		Calibration bench = Calibration.of(runs, fromOptions, OPTIONS);
		CalibrationOutcome job = CalibrationPipeline.calibrate(runs.scores(), runs.costs(), fromJob.toPolicy(),
				OPTIONS);
		assertThat(bench.choice()).isEqualTo(job.choice());
		assertThat(bench.outcome().heldOut()).isEqualTo(job.heldOut());

		// One summary through both doors: the job reports CalibrationSummary.of(outcome),
		// the bench prints the same text inside its own report.
		CalibrationSummary jobSummary = CalibrationSummary.of(job);
		assertThat(bench.summary()).isEqualTo(jobSummary);
		assertThat(bench.summary(List.of())).contains(jobSummary.text());
		assertThat(jobSummary.thresholds()).isEqualTo(job.thresholds());
		assertThat(jobSummary.chosen().reach()).hasSize(runs.runs().size()).first().isEqualTo(1.0);
		assertThat(jobSummary.heldOut().rows()).isEqualTo(runs.data().size());
		assertThat(jobSummary.text()).contains(job.choice().policy(), "Out of sample (2-fold cross-fitting");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					--policy escalation-budget               | {"name": "escalation-budget"}                       | maxEscalation is required by the escalation-budget policy
					--policy escalation-budget --max-escalation 0.3 --max-drop 0.2 | {"name": "escalation-budget", "maxEscalation": 0.3, "maxDrop": 0.2} | maxDrop does not apply to the escalation-budget policy
					--max-risk 0.2                           | {"name": "accuracy-budget", "maxRisk": 0.2}         | maxRisk does not apply to the accuracy-budget policy
					--policy cheapest                        | {"name": "cheapest"}                                | Unknown policy 'cheapest': use accuracy-budget, escalation-budget or risk-control
					--max-drop 1.5                           | {"name": "accuracy-budget", "maxDrop": 1.5}         | maxDrop must lie in [0, 1], was 1.5
					--policy risk-control --alpha 0.9        | {"name": "risk-control", "alpha": 0.9}              | alpha must lie in (0, 0.5], was 0.9
					""")
	void optionsAndJobJsonAreRefusedWithTheSameMessage(String options, String json, String message) {
		assertThatThrownBy(() -> parse(options).toPolicy()).isInstanceOf(IllegalArgumentException.class)
			.hasMessage(message);
		assertThatThrownBy(() -> Json.MAPPER.readValue(json, PolicySpec.class).toPolicy())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage(message);
	}

	private static PolicySpec parse(String options) {
		CalibrateCommand command = new CalibrateCommand();
		List<String> args = new ArrayList<>(
				List.of("--cascade", "cascade.json", "--data", "data.tsv", "--out", "out.json"));
		if (!options.startsWith("(")) {
			args.addAll(List.of(options.split(" ")));
		}
		new CommandLine(command).parseArgs(args.toArray(String[]::new));
		return command.policy.spec();
	}

}
