package dev.tango.bench.calibrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tango.bench.OptionChecks;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.CascadeOptions;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.ReportOptions;
import dev.tango.bench.report.TextFiles;
import dev.tango.core.calibration.ThresholdSweep;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.LabelledDataset;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: the accuracy of each tier alone and of the cascade at its thresholds
 * on a labelled set, escalation, the threshold curve; as Markdown.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
		description = "Evaluates a cascade on a labelled set: each tier alone, the cascade at its thresholds "
				+ "(estimated from the tiers' predictions and run through the engine), the threshold curve; Markdown.")
public final class EvaluateCommand implements Callable<Integer> {

	@Mixin
	CascadeOptions cascade;

	@Option(names = "--data", required = true, description = "the labelled set (TSV or CSV)")
	Path data;

	@Option(names = "--thresholds",
			description = "other thresholds to evaluate, one per tier but the last, comma-separated; repeat for several")
	List<String> thresholds = new ArrayList<>();

	@Option(names = "--curve-points", defaultValue = "12",
			description = "most points of the threshold curve to list (default ${DEFAULT-VALUE})")
	int curvePoints;

	@Option(names = "--skip-engine-run",
			description = "do not also run the cascade through the engine at its thresholds")
	boolean skipEngineRun;

	@Mixin
	ReportOptions report;

	@Option(names = "--json", description = "also write the report's figures to this JSON file")
	@Nullable Path json;

	@Override
	public Integer call() throws Exception {
		OptionChecks.atLeastOne("--curve-points", this.curvePoints);
		CascadeFile file = this.cascade.read();
		Map<String, @Nullable Path> json = new LinkedHashMap<>();
		json.put("--json", this.json);
		this.report.checkOutputs(json, file.filesAnd(this.data));
		LabelledDataset dataset = LabelledDataset.read(this.data);
		EvaluationReport evaluation;
		try (LoadedCascade loaded = this.cascade.open(file)) {
			List<Stage> stages = loaded.stages();
			LabelledRuns runs = LabelledRuns.measure(stages, dataset);
			ThresholdSweep sweep = ThresholdSweep.of(runs.predictions(), runs.costs());
			CascadeResult engine = null;
			if (!this.skipEngineRun) {
				engine = new Cascade(stages).classify(dataset.inputs(), false);
			}
			evaluation = new EvaluationReport(file.descriptor().name(), runs, sweep, runs.evaluate(file.thresholds()),
					parse(this.thresholds), engine);
		}
		String markdown = evaluation.markdown(this.curvePoints);
		if (this.json != null) {
			Json.write(evaluation.json(), this.json);
		}
		this.report.print(markdown);
		return 0;
	}

	private static List<List<Double>> parse(List<String> lists) {
		List<List<Double>> parsed = new ArrayList<>();
		for (String list : lists) {
			List<Double> values = new ArrayList<>();
			for (String value : list.split(",")) {
				values.add(Double.parseDouble(value.trim()));
			}
			parsed.add(values);
		}
		return parsed;
	}

}
