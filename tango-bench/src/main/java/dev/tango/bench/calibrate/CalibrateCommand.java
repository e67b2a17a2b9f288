package dev.tango.bench.calibrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import dev.tango.bench.Invocation;
import dev.tango.bench.Setting;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.CascadeOptions;
import dev.tango.bench.cascade.DescriptorBuilder;
import dev.tango.bench.cascade.Json;
import dev.tango.bench.report.TextFiles;
import dev.tango.core.calibration.CalibrationOptions;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.Validation;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.LabelledDataset;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: chooses a cascade's thresholds on a labelled set with a threshold
 * policy (the accuracy budget by default; the options are those of the admin's calibrate
 * job, see {@link PolicyOptions}) and writes the descriptor with them, and the threshold
 * curve.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
		description = { "Chooses the thresholds of a cascade on a labelled set: runs every tier on every input once "
				+ "(at the batch size the cascade serves with), measures each tier's cost per input in the same run, "
				+ "sweeps the thresholds (jointly for three tiers or more) and lets the policy choose: by default the "
				+ "largest estimated speedup whose accuracy drop against the last tier alone stays within the budget "
				+ "at the confidence level.",
				"Writes the descriptor with the chosen thresholds and a CSV threshold curve; prints the method." })
public final class CalibrateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CascadeOptions cascade;

	@Option(names = "--data", required = true, description = "the labelled set to calibrate on (TSV or CSV)")
	Path data;

	@Mixin
	PolicyOptions policy;

	@Option(names = "--folds",
			description = "folds of the cross-fitting that reports the choice out of sample (default 10, as the admin's calibrate job)")
	@Nullable Integer folds;

	@Option(names = "--seed", description = "seed of the folds (default 42, as the admin's calibrate job)")
	@Nullable Long seed;

	@Option(names = "--compare-levels", split = ",",
			description = "other confidence levels of the policy's bound whose choice to print alongside, e.g. 0.5,0.9,0.95")
	List<Double> compareLevels = List.of();

	@Setting("candidatesPerTier")
	@Option(names = "--candidates",
			description = "most candidate thresholds per tier (default: about 2500 grid points in all)")
	@Nullable Integer candidates;

	@Option(names = "--out", required = true, description = "the calibrated descriptor to write")
	Path out;

	@Option(names = "--curve", description = "the curve file to write (default: curve.csv beside --out)")
	@Nullable Path curve;

	@Option(names = "--json", description = "also write the summary's figures to this JSON file")
	@Nullable Path json;

	@Override
	public Integer call() throws Exception {
		Path folder = this.out.toAbsolutePath().getParent();
		Path curveFile = (this.curve != null) ? this.curve : folder.resolve("curve.csv");
		for (double level : this.compareLevels) {
			if (!(level >= 0.5 && level < 1)) {
				throw new IllegalArgumentException("--compare-levels: each level must lie in [0.5, 1), was " + level);
			}
		}
		CascadeFile file = this.cascade.read();
		Map<String, @Nullable Path> outputs = new LinkedHashMap<>();
		outputs.put("--out", this.out);
		outputs.put("--curve", curveFile);
		outputs.put("--json", this.json);
		// --out may be the descriptor itself, read whole before anything is written: a
		// cascade is calibrated in place
		List<Path> inputs = new ArrayList<>(file.artifactFiles());
		inputs.add(this.data);
		TextFiles.checkOutputs(outputs, inputs);
		outputs.remove("--out");
		TextFiles.checkOutputs(outputs, file.files());
		LabelledDataset dataset = LabelledDataset.read(this.data);
		PolicySpec policy = this.policy.spec();
		policy.toPolicy(); // checked before any model is loaded
		CalibrationOptions options = new CalibrationOptions(
				new Validation.CrossFitted(Objects.requireNonNullElse(this.folds, Validation.DEFAULT_FOLDS)),
				Objects.requireNonNullElse(this.seed, CalibrationOptions.DEFAULT_SEED), false, this.candidates);
		Calibration calibration;
		try (LoadedCascade loaded = this.cascade.open(file)) {
			calibration = Calibration.of(LabelledRuns.measure(loaded.stages(), dataset), policy, options);
		}
		String summary = calibration.summary(this.compareLevels);
		CurveFile.write(calibration.curve(), curveFile);
		String curveUri = DescriptorBuilder.relative(folder, curveFile);
		Json.write(file.withThresholds(folder, calibration.choice().thresholds(), this.cascade.batchSize(),
				calibration.record(curveUri, Invocation.of(this.spec))), this.out);
		System.out.print(summary);
		if (this.json != null) {
			Json.write(calibration.summaryJson(this.compareLevels), this.json);
		}
		System.out.printf("%nWrote %s and %s%n", this.out, curveFile);
		return 0;
	}

}
