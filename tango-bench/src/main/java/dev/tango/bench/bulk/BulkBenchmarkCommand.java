package dev.tango.bench.bulk;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tango.bench.OptionChecks;
import dev.tango.bench.benchmark.Machine;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.CascadeOptions;
import dev.tango.bench.data.RowLimitOption;
import dev.tango.bench.report.Median;
import dev.tango.bench.report.ReportOptions;
import dev.tango.bench.report.TextFiles;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.bulk.BulkCheckpoint;
import dev.tango.runtime.bulk.BulkClassifier;
import dev.tango.runtime.bulk.BulkProgress;
import dev.tango.runtime.bulk.BulkResult;
import dev.tango.runtime.bulk.FileInput;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.DatasetFormat;
import dev.tango.runtime.data.DatasetFormatException;
import dev.tango.runtime.data.InputRow;
import dev.tango.runtime.data.TextRowReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bulk-benchmark}: in one process, on the same rows and the same tiers, the
 * offline benchmark's loop (every row in memory, one call of the synchronous
 * {@link Cascade}) and the bulk engine over the file (reading, checking and digesting it,
 * classifying it in chunks, writing and forcing the results and a checkpoint after each
 * chunk), alternated A-B-B-A so that drift in the machine's speed falls on both; prints
 * each pass's rate, the medians and their ratio (engine over offline).
 */
@Command(name = "bulk-benchmark", mixinStandardHelpOptions = true,
		description = { "Measures the bulk engine (classify-file) against the offline benchmark's loop on the same "
				+ "rows in one run, alternated, and prints the throughput ratio; Markdown." })
public final class BulkBenchmarkCommand implements Callable<Integer> {

	@Mixin
	CascadeOptions cascade;

	@Option(names = "--data", required = true, description = "the rows (TSV or CSV with 'text', or JSONL)")
	Path data;

	@Mixin
	RowLimitOption limit;

	@Option(names = "--repeats", defaultValue = "2",
			description = "passes of each, in A-B-B-A order (default ${DEFAULT-VALUE})")
	int repeats;

	@Option(names = "--chunk-size", defaultValue = "" + BulkClassifier.DEFAULT_CHUNK_SIZE,
			description = "the engine's rows per chunk (default ${DEFAULT-VALUE})")
	int chunkSize;

	@Mixin
	ReportOptions report;

	@Override
	public Integer call() throws Exception {
		OptionChecks.atLeastOne("--repeats", this.repeats);
		OptionChecks.atLeastOne("--chunk-size", this.chunkSize);
		this.limit.check();
		this.report.checkOutputs(Map.of(), List.of(this.data));
		Path work = Files.createTempDirectory("tango-bulk-benchmark");
		try {
			Path rows = work.resolve("rows.tsv");
			List<TextInput> inputs = copyRows(rows);
			if (inputs.isEmpty()) {
				throw new IllegalArgumentException(this.data + " holds no rows to measure");
			}
			this.report.print(measure(rows, inputs, work.resolve("results.jsonl")));
			return 0;
		}
		finally {
			TextFiles.deleteTree(work);
		}
	}

	/**
	 * Writes the rows to measure to a TSV file (a pair column only if some row is a
	 * pair); returns them.
	 */
	private List<TextInput> copyRows(Path target) throws IOException {
		DatasetFormat format = DatasetFormat.fromFileName(this.data.getFileName().toString()).orElse(DatasetFormat.TSV);
		List<TextInput> inputs = new ArrayList<>();
		try (TextRowReader reader = TextRowReader.open(this.data, format, null)) {
			for (InputRow row = reader.next(); row != null
					&& this.limit.allowsMore(inputs.size()); row = reader.next()) {
				inputs.add(row.input());
			}
		}
		catch (DatasetFormatException ex) {
			throw ex.in(this.data.toString());
		}
		boolean pairs = inputs.stream().anyMatch(TextInput::isPair);
		CSVFormat tsv = CSVFormat.RFC4180.builder().setDelimiter('\t').setRecordSeparator('\n').get();
		try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, tsv)) {
			printer.printRecord(pairs ? List.of("text", "pair") : List.of("text"));
			for (TextInput input : inputs) {
				printer.printRecord(pairs ? List.of(input.text(), java.util.Objects.toString(input.pair(), ""))
						: List.of(input.text()));
			}
		}
		return inputs;
	}

	private String measure(Path rows, List<TextInput> inputs, Path results) throws IOException {
		CascadeFile file = this.cascade.read();
		String version = DescriptorVersion.of(file, this.cascade.batchSize());
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		List<Double> offline = new ArrayList<>();
		List<Double> engine = new ArrayList<>();
		try (LoadedCascade loaded = this.cascade.open(file)) {
			Cascade cascade = new Cascade(loaded.stages());
			cascade.classify(inputs.subList(0, Math.min(inputs.size(), 256)), false);
			BulkClassifier classifier = new BulkClassifier(cascade, loaded.labels(), version);
			for (int repeat = 0; repeat < this.repeats; repeat++) {
				boolean offlineFirst = repeat % 2 == 0;
				for (int pass = 0; pass < 2; pass++) {
					if ((pass == 0) == offlineFirst) {
						offline.add(offline(cascade, inputs));
						report("offline loop", repeat, offline);
					}
					else {
						engine.add(engine(classifier, rows, results));
						report("bulk engine", repeat, engine);
					}
				}
			}
		}
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return markdown(file, version, inputs.size(), offline, engine, loadBefore, loadAfter);
	}

	private static double offline(Cascade cascade, List<TextInput> inputs) {
		long start = System.nanoTime();
		cascade.classify(inputs, false);
		return inputs.size() / ((System.nanoTime() - start) / 1e9);
	}

	private double engine(BulkClassifier classifier, Path rows, Path results) throws IOException {
		Files.deleteIfExists(BulkCheckpoint.fileOf(results));
		long start = System.nanoTime();
		BulkResult result = classifier.run(new BulkClassifier.Request(new FileInput(rows, DatasetFormat.TSV, null),
				results, DatasetFormat.JSONL, false, this.chunkSize, false), (BulkProgress progress) -> {
				});
		long nanos = System.nanoTime() - start;
		if (!result.finished()) {
			throw new IllegalStateException("The bulk run stopped after " + result.rowsDone() + " rows");
		}
		return result.rowsDone() / (nanos / 1e9);
	}

	private static void report(String what, int repeat, List<Double> rates) {
		System.err.printf(Locale.ROOT, "repeat %d, %s: %.1f rows/s%n", repeat + 1, what, rates.get(rates.size() - 1));
	}

	private String markdown(CascadeFile file, String version, int rows, List<Double> offline, List<Double> engine,
			double loadBefore, double loadAfter) {
		double offlineMedian = Median.of(offline);
		double engineMedian = Median.of(engine);
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "## Bulk engine against the offline loop: `%s` on `%s`%n%n",
				file.descriptor().name(), this.data));
		text.append(String.format(Locale.ROOT,
				"%d rows, %d %s of each (A-B-B-A), engine chunks of %d rows, cascade %s; %s; "
						+ "load average %.2f before, %.2f after.%n%n",
				rows, this.repeats, (this.repeats == 1) ? "pass" : "passes", this.chunkSize, version,
				Machine.describe(), loadBefore, loadAfter));
		text.append("| | rows/s, each pass | median rows/s |\n| --- | --- | --- |\n");
		text.append(String.format(Locale.ROOT, "| offline loop (`Cascade.classify`, rows in memory) | %s | %.1f |%n",
				rates(offline), offlineMedian));
		text.append(String.format(Locale.ROOT, "| bulk engine (file to file, checkpoints) | %s | %.1f |%n",
				rates(engine), engineMedian));
		text.append(String.format(Locale.ROOT, "%nThroughput ratio, engine / offline (medians): **%.3f**%n",
				engineMedian / offlineMedian));
		return text.toString();
	}

	private static String rates(List<Double> rates) {
		return String.join(", ", rates.stream().map((rate) -> String.format(Locale.ROOT, "%.1f", rate)).toList());
	}

}
