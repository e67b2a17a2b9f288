package dev.tango.bench.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.tango.bench.Invocation;
import dev.tango.bench.cascade.CascadeFile;
import dev.tango.bench.cascade.CascadeOptions;
import dev.tango.bench.finetune.StopOnShutdown;
import dev.tango.bench.report.TextFiles;
import dev.tango.core.cascade.Cascade;
import dev.tango.runtime.bulk.BulkCheckpoint;
import dev.tango.runtime.bulk.BulkClassifier;
import dev.tango.runtime.bulk.BulkResult;
import dev.tango.runtime.bulk.FileInput;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.data.DatasetFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classify-file}: classifies every row of a file through a cascade with the
 * runtime's {@link BulkClassifier} and writes the results (row, optional id, label,
 * confidence, tier, version) to a file, with a progress line per chunk. After every chunk
 * a checkpoint is written beside the output; {@code --resume} continues from it. A run
 * holds its output ({@link OutputLock}): a second run on the same {@code --out} is
 * refused while the first one writes it. Ctrl-C stops after the current chunk
 * ({@link StopOnShutdown}) with exit status {@link StopOnShutdown#STOPPED}.
 */
@Command(name = "classify-file", mixinStandardHelpOptions = true,
		description = { "Classifies every row of a file (TSV or CSV with a 'text' column, or JSONL objects with "
				+ "'text') through a cascade and writes the results in input order; resumable after a stop or a "
				+ "crash with --resume, without classifying finished rows again." })
public final class ClassifyFileCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CascadeOptions cascade;

	@Option(names = "--data", required = true, description = "the file to classify")
	Path data;

	@Option(names = "--format", description = "its format, TSV, CSV or JSONL (default: from its name)")
	@Nullable DatasetFormat format;

	@Option(names = "--out", required = true,
			description = "the results file; its checkpoint is written beside it (<out>.checkpoint.json)")
	Path out;

	@Option(names = "--out-format",
			description = "the results' format, TSV, CSV or JSONL (default: from the name of --out, else JSONL)")
	@Nullable DatasetFormat outFormat;

	@Option(names = "--id-column", description = "a column (or JSONL field) of the input to copy to each result")
	@Nullable String idColumn;

	@Option(names = "--chunk-size", defaultValue = "" + BulkClassifier.DEFAULT_CHUNK_SIZE,
			description = "rows per chunk and checkpoint (default ${DEFAULT-VALUE})")
	int chunkSize;

	@Option(names = "--resume", description = "continue the run whose checkpoint is beside --out")
	boolean resume;

	@Override
	public Integer call() throws Exception {
		DatasetFormat inputFormat = (this.format != null) ? this.format : DatasetFormat
			.fromFileName(this.data.getFileName().toString())
			.orElseThrow(() -> new IllegalArgumentException(
					"Cannot tell the format of " + this.data + " from its name: give --format TSV, CSV or JSONL"));
		DatasetFormat resultFormat = (this.outFormat != null) ? this.outFormat
				: DatasetFormat.fromFileName(this.out.getFileName().toString()).orElse(DatasetFormat.JSONL);
		if (!Files.isRegularFile(this.data)) {
			throw new IllegalArgumentException("--data " + this.data + (Files.exists(this.data)
					? " is not a regular file: it is read twice, checked whole and then classified, so save a pipe's "
							+ "output to a file and give that"
					: " does not exist"));
		}
		CascadeFile file = this.cascade.read();
		TextFiles.requireNotAnInput("--out", this.out, file.filesAnd(this.data).toArray(Path[]::new));
		OutputLock lock = OutputLock.acquire(this.out);
		try {
			return run(file, inputFormat, resultFormat);
		}
		finally {
			lock.close();
		}
	}

	private int run(CascadeFile file, DatasetFormat inputFormat, DatasetFormat resultFormat) throws IOException {
		boolean checkpointed = Files.exists(BulkCheckpoint.fileOf(this.out));
		if (!this.resume && Files.exists(this.out)) {
			throw new IllegalArgumentException(
					this.out + " exists: give --resume to continue its run, or remove it and its checkpoint");
		}
		if (!this.resume && checkpointed) {
			throw new IllegalArgumentException("The checkpoint " + BulkCheckpoint.fileOf(this.out)
					+ " of an earlier run is left beside " + this.out.getFileName() + ": remove it to start again");
		}
		if (this.resume && Files.exists(this.out) && !checkpointed) {
			throw new IllegalArgumentException(this.out + " exists without the checkpoint of a run beside it ("
					+ BulkCheckpoint.fileOf(this.out).getFileName()
					+ "), so there is no run to resume: remove it, or choose another --out");
		}
		String version = DescriptorVersion.of(file, this.cascade.batchSize());
		if (this.resume && checkpointed) {
			String was = BulkCheckpoint.read(BulkCheckpoint.fileOf(this.out)).cascadeVersion();
			if (!was.equals(version)) {
				throw new IllegalArgumentException("The checkpoint was made with cascade version " + was + ", not "
						+ version + ": " + DescriptorVersion.howItDiffers(file, was) + "; resume as the run started");
			}
		}
		String command = Invocation.of(this.spec);
		try (LoadedCascade loaded = this.cascade.open(file); StopOnShutdown stop = StopOnShutdown.install(System.err)) {
			BulkClassifier classifier = new BulkClassifier(new Cascade(loaded.stages()), loaded.labels(), version);
			System.out.printf("Classifying %s with %s into %s (%s)%n", this.data, version, this.out, resultFormat);
			BulkResult result = classifier.run(
					new BulkClassifier.Request(new FileInput(this.data, inputFormat, this.idColumn), this.out,
							resultFormat, this.idColumn != null, this.chunkSize, this.resume),
					new ProgressLines(System.out, stop));
			if (!result.finished()) {
				System.out.printf("Stopped after row %d; the checkpoint %s is kept. To continue:%n  %s%n",
						result.rowsDone(), result.checkpoint(),
						command.contains(" --resume") ? command : command + " --resume");
				return stop.stopped(System.out);
			}
			System.out.printf(Locale.ROOT,
					"Done: %d rows in %s (%d classified by this run at %.1f rows/s); " + "answered by tier: %s%n",
					result.rowsDone(), this.out, result.rowsDone() - result.resumedFrom(), result.rowsPerSecond(),
					result.answeredByTier());
			return stop.completed();
		}
	}

}
