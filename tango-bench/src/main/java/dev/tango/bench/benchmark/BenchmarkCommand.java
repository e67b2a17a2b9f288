package dev.tango.bench.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tango.bench.OptionChecks;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.CascadeFileOption;
import dev.tango.bench.data.RowLimitOption;
import dev.tango.bench.report.ReportOptions;
import dev.tango.core.cascade.Stage;
import dev.tango.runtime.data.LabelledDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: in one process, interleaved and repeated, on the same inputs and
 * threads: a plain ONNX Runtime loop for the last tier's model (arrival order and sorted
 * by length), Tango with the last tier alone, the Tango cascade and each cheaper tier
 * alone; at several batch sizes and intra-op thread counts.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
		description = { "Benchmarks a cascade in one run, interleaved and repeated, on the same inputs and threads: "
				+ "a plain ONNX Runtime loop for the last tier's model (no Tango code; arrival order and sorted by "
				+ "length), Tango with the last tier alone, the Tango cascade, and each cheaper tier alone. Reports "
				+ "medians, engine overhead, speedup, its ideal bound from the tiers' costs, efficiency, accuracy "
				+ "and resident memory; Markdown." })
public final class BenchmarkCommand implements Callable<Integer> {

	@Mixin
	CascadeFileOption cascade;

	@Option(names = "--data", required = true, description = "the labelled set (TSV or CSV), single texts")
	Path data;

	@Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32",
			description = "batch sizes (default ${DEFAULT-VALUE})")
	List<Integer> batchSizes;

	@Option(names = "--threads", split = ",", defaultValue = "1,2",
			description = "ONNX Runtime intra-op thread counts (default ${DEFAULT-VALUE})")
	List<Integer> threads;

	@Option(names = "--repeats", defaultValue = "3", description = "repeats of every run (default ${DEFAULT-VALUE})")
	int repeats;

	@Mixin
	RowLimitOption limit;

	@Option(names = "--skip-plain", description = "leave out the plain ONNX Runtime loop")
	boolean skipPlain;

	@Mixin
	ReportOptions report;

	@Override
	public Integer call() throws Exception {
		OptionChecks.atLeastOne("--repeats", this.repeats);
		OptionChecks.eachAtLeastOne("--batch-sizes", this.batchSizes);
		OptionChecks.eachAtLeastOne("--threads", this.threads);
		CascadeFile file = this.cascade.read();
		this.report.checkOutputs(Map.of(), file.filesAnd(this.data));
		LabelledDataset dataset = this.limit.first(LabelledDataset.read(this.data));
		String text;
		try (BenchmarkRunner runner = new BenchmarkRunner(file, this.cascade.source(), dataset)) {
			text = run(runner, file, dataset.size()).markdown();
		}
		this.report.print(text);
		return 0;
	}

	private BenchmarkReport run(BenchmarkRunner runner, CascadeFile file, int inputs) throws java.io.IOException {
		int first = this.threads.get(0);
		int largest = Collections.max(this.batchSizes);
		List<String> memory = new ArrayList<>();
		List<Stage> stages = runner.openCascade(first);
		memory.add("after loading the cascade (" + stages.size() + " tiers, " + first + " intra-op thread): "
				+ BenchmarkReport.mebibytes(ResidentMemory.current()));
		runner.run(new Schedule.Step(0, first, largest, Variant.CASCADE));
		memory.add("after one pass of the cascade at batch " + largest + ": "
				+ BenchmarkReport.mebibytes(ResidentMemory.current()));
		for (int t : this.threads) {
			if (t != first) {
				runner.openCascade(t);
			}
			if (!this.skipPlain) {
				runner.openPlain(t);
			}
		}
		List<Variant> variants = new ArrayList<>();
		if (!this.skipPlain) {
			variants.add(Variant.PLAIN_IN_ORDER);
			variants.add(Variant.PLAIN_SORTED);
		}
		variants.add(Variant.TANGO_LAST);
		variants.add(Variant.CASCADE);
		for (int k = 0; k < stages.size() - 1; k++) {
			variants.add(Variant.tier(k));
		}
		for (Schedule.Step step : Schedule.of(1, this.threads, List.of(largest), variants)) {
			runner.warmUp(step, 4 * largest);
		}
		List<Measurement> measurements = new ArrayList<>();
		List<Schedule.Step> steps = Schedule.of(this.repeats, this.threads, this.batchSizes, variants);
		for (int i = 0; i < steps.size(); i++) {
			Measurement m = runner.run(steps.get(i));
			measurements.add(m);
			System.err.printf(Locale.ROOT, "[%d/%d] repeat %d, %d thread(s), batch %d, %s: %.3f ms per input%n", i + 1,
					steps.size(), m.repeat() + 1, m.threads(), m.batchSize(), m.variant().describe(),
					m.nanosPerInput() / 1e6);
		}
		memory.add("peak, with every copy loaded (" + this.threads.size() + " thread settings"
				+ (this.skipPlain ? "" : ", plain sessions included") + "): "
				+ BenchmarkReport.mebibytes(ResidentMemory.peak()));
		String title = "Cascade `" + file.descriptor().name() + "` on `" + this.data + "`";
		String settings = String.format(Locale.ROOT,
				"%d inputs, %d repeats; batch sizes %s; ONNX Runtime intra-op threads %s, one calling thread; %s.",
				inputs, this.repeats, this.batchSizes, this.threads, Machine.describe());
		return new BenchmarkReport(title, settings, stages.stream().map((s) -> s.tier().name()).toList(),
				Summary.of(measurements, stages.size()), memory);
	}

}
