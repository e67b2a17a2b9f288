package dev.tango.bench.bulk;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import dev.tango.bench.TangoBench;
import dev.tango.bench.data.TsvWriter;
import dev.tango.bench.finetune.StopOnShutdown;
import dev.tango.bench.testsupport.BenchProcess;
import dev.tango.runtime.bulk.BulkCheckpoint;
import dev.tango.runtime.data.LabelledDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static dev.tango.bench.testsupport.Bench.SST2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code classify-file} in processes of its own on the bundled cascade over the first
 * rows of SST-2 train: a run killed outright (SIGKILL) mid-run and then one stopped as by
 * Ctrl-C (SIGTERM, exit 75) each resume with {@code --resume} from their last checkpoint,
 * say where they start, skip the finished rows, and end with the bytes an uninterrupted
 * run writes; one whose input changed after it was killed is refused, saying what
 * changed, with exit status 1. And {@code bulk-benchmark} prints its ratio.
 */
class ClassifyFileCommandIT {

	private static final String CASCADE = "classpath:tango/cascades/sst2-sentiment/cascade.json";

	private static final int ROWS = 1200;

	@TempDir
	Path folder;

	@Test
	void aKilledRunAndAStoppedRunResumeAndEndWithTheResultsOfAnUninterruptedOne() throws Exception {
		Path data = this.folder.resolve("rows.tsv");
		TsvWriter.write(LabelledDataset.read(SST2.resolve("train.tsv")).slice(0, ROWS), data);
		Path whole = this.folder.resolve("whole.jsonl");
		assertThat(TangoBench.commandLine().execute(options(data, whole))).isZero();
		assertThat(Files.readAllLines(whole)).hasSize(ROWS);

		Path out = this.folder.resolve("resumed.jsonl");
		Path checkpoint = BulkCheckpoint.fileOf(out);
		BenchProcess killed = BenchProcess.start(options(data, out));
		long killedAt = awaitCheckpoint(killed, checkpoint, (done) -> done >= 200);
		killed.process().destroyForcibly();
		assertThat(killed.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(killed.process().exitValue()).isEqualTo(137);
		long afterKill = BulkCheckpoint.read(checkpoint).rowsDone();
		assertThat(afterKill).isBetween(killedAt, ROWS - 100L);

		BenchProcess stopped = BenchProcess.start(with(options(data, out), "--resume"));
		awaitCheckpoint(stopped, checkpoint, (done) -> done > afterKill);
		// the killed run left its lock file, which holds nothing once its process is
		// gone; a
		// second run on the output is refused while this one writes it
		StringWriter second = new StringWriter();
		assertThat(
				TangoBench.commandLine().setErr(new PrintWriter(second)).execute(with(options(data, out), "--resume")))
			.isEqualTo(1);
		assertThat(second.toString()).contains(out + " is being written by another run");
		stopped.signal("TERM");
		assertThat(stopped.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
		String stoppedOutput = stopped.output();
		assertThat(stopped.process().exitValue()).as(stoppedOutput).isEqualTo(StopOnShutdown.STOPPED);
		assertThat(stoppedOutput).contains(
				"Resuming at row " + (afterKill + 1) + " of " + ROWS + ": " + afterKill + " rows were done before");
		BulkCheckpoint afterStop = BulkCheckpoint.read(checkpoint);
		assertThat(afterStop.rowsDone()).isGreaterThan(afterKill).isLessThan(ROWS);
		assertThat(stoppedOutput).contains("Stopped after row " + afterStop.rowsDone())
			.contains("tango bench classify-file --cascade " + CASCADE);
		assertThat(Files.size(out)).isEqualTo(afterStop.outputBytes());

		BenchProcess last = BenchProcess.start(with(options(data, out), "--resume"));
		assertThat(last.process().waitFor(5, TimeUnit.MINUTES)).isTrue();
		String lastOutput = last.output();
		assertThat(last.process().exitValue()).as(lastOutput).isZero();
		assertThat(lastOutput).contains("Resuming at row " + (afterStop.rowsDone() + 1) + " of " + ROWS)
			.contains("Done: " + ROWS + " rows in " + out + " (" + (ROWS - afterStop.rowsDone())
					+ " classified by this run");
		assertThat(Files.readString(out)).isEqualTo(Files.readString(whole));
		assertThat(OutputLock.fileOf(out)).as("kept, holding nothing: a later run takes it").exists();
		assertThat(TangoBench.commandLine().execute(options(data, this.folder.resolve("other.jsonl")))).isZero();
	}

	@Test
	void refusesToResumeARunWhoseInputChangedSaysWhyAndExitsWith1() throws Exception {
		Path data = this.folder.resolve("rows.tsv");
		TsvWriter.write(LabelledDataset.read(SST2.resolve("train.tsv")).slice(0, 600), data);
		Path out = this.folder.resolve("changed.jsonl");
		Path checkpoint = BulkCheckpoint.fileOf(out);
		BenchProcess killed = BenchProcess.start(options(data, out));
		awaitCheckpoint(killed, checkpoint, (done) -> done >= 100);
		killed.process().destroyForcibly();
		assertThat(killed.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
		long done = BulkCheckpoint.read(checkpoint).rowsDone();
		long size = Files.size(data);
		Files.writeString(data, "one more row\t1\n", StandardOpenOption.APPEND);

		StringWriter err = new StringWriter();
		CommandLine command = TangoBench.commandLine().setErr(new PrintWriter(err));
		assertThat(command.execute(with(options(data, out), "--resume"))).as(err.toString()).isEqualTo(1);
		assertThat(err.toString())
			.contains("error: The input " + data + " is not the one the checkpoint was made for: its size is "
					+ Files.size(data) + " bytes, was " + size)
			.contains("its sha256 is")
			.contains("start again without resuming");
		assertThat(BulkCheckpoint.read(checkpoint).rowsDone()).as("the checkpoint stays").isEqualTo(done);
	}

	@Test
	void refusesToOverwriteAnOutputWithoutResumeAndAnUnknownFormat() throws IOException {
		Path data = this.folder.resolve("rows.txt");
		Files.writeString(data, "text\nfine\n");
		Path out = Files.writeString(this.folder.resolve("out.jsonl"), "earlier results\n");
		assertThat(TangoBench.commandLine()
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--format", "TSV", "--out",
					out.toString()))
			.isEqualTo(1);
		assertThat(Files.readString(out)).isEqualTo("earlier results\n");
		assertThat(TangoBench.commandLine()
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--out",
					this.folder.resolve("new.jsonl").toString()))
			.isEqualTo(1);
		assertThat(TangoBench.commandLine()
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--format", "XML", "--out",
					this.folder.resolve("new.jsonl").toString()))
			.isEqualTo(2);
	}

	@Test
	void refusesToResumeWhereNoRunWasToWriteOverItsInputAndToReadAPipe() throws Exception {
		Path data = Files.writeString(this.folder.resolve("rows.tsv"), "text\nfine\n");
		Path out = Files.writeString(this.folder.resolve("out.jsonl"), "someone's results\n");

		StringWriter resumed = new StringWriter();
		assertThat(TangoBench.commandLine()
			.setErr(new PrintWriter(resumed))
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--out", out.toString(),
					"--resume"))
			.isEqualTo(1);
		assertThat(resumed.toString()).contains("exists without the checkpoint of a run beside it");
		assertThat(Files.readString(out)).isEqualTo("someone's results\n");

		StringWriter overInput = new StringWriter();
		assertThat(TangoBench.commandLine()
			.setErr(new PrintWriter(overInput))
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--format", "TSV", "--out",
					this.folder.resolve(".").resolve("rows.tsv").toString(), "--resume"))
			.isEqualTo(1);
		assertThat(overInput.toString()).contains("is the input " + data);
		assertThat(Files.readString(data)).isEqualTo("text\nfine\n");

		// a resume at another batch size is another cascade version, and is told so
		Path done = this.folder.resolve("done.jsonl");
		assertThat(TangoBench.commandLine()
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--out", done.toString()))
			.isZero();
		StringWriter rebatched = new StringWriter();
		assertThat(TangoBench.commandLine()
			.setErr(new PrintWriter(rebatched))
			.execute("classify-file", "--cascade", CASCADE, "--data", data.toString(), "--out", done.toString(),
					"--resume", "--batch-size", "8"))
			.isEqualTo(1);
		assertThat(rebatched.toString()).contains("the run started without --batch-size; resume as the run started");

		// a named pipe, read once, cannot be checked whole and then classified
		Path pipe = this.folder.resolve("pipe.tsv");
		assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
		StringWriter fromPipe = new StringWriter();
		assertThat(TangoBench.commandLine()
			.setErr(new PrintWriter(fromPipe))
			.execute("classify-file", "--cascade", CASCADE, "--data", pipe.toString(), "--out",
					this.folder.resolve("piped.jsonl").toString()))
			.isEqualTo(1);
		assertThat(fromPipe.toString()).contains("--data " + pipe + " is not a regular file");
		assertThat(this.folder.resolve("piped.jsonl")).doesNotExist();
		assertThat(BulkCheckpoint.fileOf(this.folder.resolve("piped.jsonl"))).doesNotExist();
	}

	@Test
	void theBulkBenchmarkPrintsTheEnginesThroughputAgainstTheOfflineLoop() throws IOException {
		Path report = this.folder.resolve("report.md");
		assertThat(TangoBench.commandLine()
			.execute("bulk-benchmark", "--cascade", CASCADE, "--data", SST2.resolve("train.tsv").toString(), "--limit",
					"96", "--repeats", "1", "--chunk-size", "32", "--out", report.toString()))
			.isZero();
		String text = Files.readString(report);
		assertThat(text).contains("96 rows, 1 pass of each", "| offline loop", "| bulk engine",
				"Throughput ratio, engine / offline (medians): **");
	}

	private static String[] options(Path data, Path out) {
		return new String[] { "classify-file", "--cascade", CASCADE, "--data", data.toString(), "--out", out.toString(),
				"--chunk-size", "100" };
	}

	private static String[] with(String[] options, String more) {
		List<String> all = new ArrayList<>(List.of(options));
		all.add(more);
		return all.toArray(String[]::new);
	}

	/**
	 * Waits until the rows done by a command's checkpoint pass a test; returns them.
	 */
	private static long awaitCheckpoint(BenchProcess run, Path checkpoint, LongPredicate test)
			throws InterruptedException {
		long[] done = { -1 };
		boolean reached = run.await(() -> {
			done[0] = rowsDone(checkpoint);
			return done[0] >= 0 && test.test(done[0]);
		});
		if (!reached) {
			throw new AssertionError("The run did not get that far: " + run.text());
		}
		return done[0];
	}

	/** Returns the rows done by a checkpoint, or -1 while it is not written yet. */
	private static long rowsDone(Path checkpoint) {
		try {
			return BulkCheckpoint.read(checkpoint).rowsDone();
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
