package dev.tango.bench.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import dev.tango.runtime.bulk.BulkCheckpoint;
import dev.tango.runtime.data.LabelledDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
		TsvWriter.write(LabelledDataset.read(sst2Train()).slice(0, ROWS), data);
		Path whole = this.folder.resolve("whole.jsonl");
		assertThat(TangoBench.commandLine().execute(options(data, whole))).isZero();
		assertThat(Files.readAllLines(whole)).hasSize(ROWS);

		Path out = this.folder.resolve("resumed.jsonl");
		Path checkpoint = BulkCheckpoint.fileOf(out);
		Run killed = Run.start(options(data, out));
		long killedAt = killed.awaitCheckpoint(checkpoint, (done) -> done >= 200);
		killed.process.destroyForcibly();
		assertThat(killed.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(killed.process.exitValue()).isEqualTo(137);
		long afterKill = BulkCheckpoint.read(checkpoint).rowsDone();
		assertThat(afterKill).isBetween(killedAt, ROWS - 100L);

		Run stopped = Run.start(with(options(data, out), "--resume"));
		stopped.awaitCheckpoint(checkpoint, (done) -> done > afterKill);
		new ProcessBuilder("kill", "-TERM", String.valueOf(stopped.process.pid())).start().waitFor();
		assertThat(stopped.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String stoppedOutput = stopped.output();
		assertThat(stopped.process.exitValue()).as(stoppedOutput).isEqualTo(StopOnShutdown.STOPPED);
		assertThat(stoppedOutput).contains(
				"Resuming at row " + (afterKill + 1) + " of " + ROWS + ": " + afterKill + " rows were done before");
		BulkCheckpoint afterStop = BulkCheckpoint.read(checkpoint);
		assertThat(afterStop.rowsDone()).isGreaterThan(afterKill).isLessThan(ROWS);
		assertThat(stoppedOutput).contains("Stopped after row " + afterStop.rowsDone())
			.contains("tango bench classify-file --cascade " + CASCADE);
		assertThat(Files.size(out)).isEqualTo(afterStop.outputBytes());

		Run last = Run.start(with(options(data, out), "--resume"));
		assertThat(last.process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String lastOutput = last.output();
		assertThat(last.process.exitValue()).as(lastOutput).isZero();
		assertThat(lastOutput).contains("Resuming at row " + (afterStop.rowsDone() + 1) + " of " + ROWS)
			.contains("Done: " + ROWS + " rows in " + out + " (" + (ROWS - afterStop.rowsDone())
					+ " classified by this run");
		assertThat(Files.readString(out)).isEqualTo(Files.readString(whole));
	}

	@Test
	void refusesToResumeARunWhoseInputChangedSaysWhyAndExitsWith1() throws Exception {
		Path data = this.folder.resolve("rows.tsv");
		TsvWriter.write(LabelledDataset.read(sst2Train()).slice(0, 600), data);
		Path out = this.folder.resolve("changed.jsonl");
		Path checkpoint = BulkCheckpoint.fileOf(out);
		Run killed = Run.start(options(data, out));
		killed.awaitCheckpoint(checkpoint, (done) -> done >= 100);
		killed.process.destroyForcibly();
		assertThat(killed.process.waitFor(1, TimeUnit.MINUTES)).isTrue();
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
	void theBulkBenchmarkPrintsTheEnginesThroughputAgainstTheOfflineLoop() throws IOException {
		Path report = this.folder.resolve("report.md");
		assertThat(TangoBench.commandLine()
			.execute("bulk-benchmark", "--cascade", CASCADE, "--data", sst2Train().toString(), "--limit", "96",
					"--repeats", "1", "--chunk-size", "32", "--out", report.toString()))
			.isZero();
		String text = Files.readString(report);
		assertThat(text).contains("96 rows, 1 passes of each", "| offline loop", "| bulk engine",
				"Throughput ratio, engine / offline (medians): **");
	}

	private static Path sst2Train() {
		return Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "train.tsv");
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

	/** The command in a process of its own, its output collected. */
	private record Run(Process process, StringBuffer text, Thread reader) {

		static Run start(String... args) throws IOException {
			List<String> java = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
							"--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
			if (System.getProperty("tango.cache.dir") != null) {
				java.add("-Dtango.cache.dir=" + System.getProperty("tango.cache.dir"));
			}
			java.add(TangoBench.class.getName());
			java.addAll(List.of(args));
			Process process = new ProcessBuilder(java).redirectErrorStream(true).start();
			StringBuffer text = new StringBuffer();
			Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), text));
			return new Run(process, text, reader);
		}

		/** Waits until the checkpoint's rows done pass a test; returns them. */
		long awaitCheckpoint(Path checkpoint, LongPredicate test) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (this.process.isAlive() && System.nanoTime() < deadline) {
				try {
					long done = BulkCheckpoint.read(checkpoint).rowsDone();
					if (test.test(done)) {
						return done;
					}
				}
				catch (IOException ex) {
					// not written yet
				}
				Thread.sleep(20);
			}
			throw new AssertionError("The run did not get that far: " + this.text);
		}

		String output() throws InterruptedException {
			this.reader.join();
			return this.text.toString();
		}

		private static void copy(InputStream in, StringBuffer into) {
			byte[] buffer = new byte[4096];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				into.append(ex);
			}
		}

	}

}
