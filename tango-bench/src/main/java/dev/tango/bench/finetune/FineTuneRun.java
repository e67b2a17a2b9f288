package dev.tango.bench.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

import dev.tango.bench.report.TextFiles;
import dev.tango.train.finetune.ExportedTier;
import dev.tango.train.finetune.FineTuneRequest;
import dev.tango.train.finetune.FineTuner;
import dev.tango.train.loop.TrainingResult;
import org.jspecify.annotations.Nullable;

/**
 * A command's run of the {@link FineTuner} ({@code fine-tune}, and {@code distil} for a
 * transformer student): a one-line progress bar on standard output
 * ({@link TrainingProgressLine}), Ctrl-C stopping it after the current step with a
 * checkpoint ({@link StopOnShutdown}); a stopped run says how to resume it, a finished
 * one is reported by the command.
 */
public final class FineTuneRun {

	private FineTuneRun() {
	}

	/**
	 * Checks, before anything is read or trained, where a run will write: {@code --out}
	 * and {@code --checkpoint-dir} must be folders, and no file the export may write may
	 * be a file the command reads.
	 * @param out the folder to export the tier to
	 * @param checkpointDirectory the checkpoint folder, or {@code null}
	 * @param name the fine-tuned encoder's id, naming the exported files
	 * @param inputs the files the command reads
	 * @throws IllegalArgumentException naming the option at fault
	 * @throws IOException if the files cannot be compared
	 */
	public static void checkOutputs(Path out, @Nullable Path checkpointDirectory, String name, Collection<Path> inputs)
			throws IOException {
		TextFiles.requireFolder("--out", out);
		TextFiles.requireFolder("--checkpoint-dir", checkpointDirectory);
		for (Path file : ExportedTier.files(out, name)) {
			TextFiles.requireNotAnInput("--out", file, inputs.toArray(Path[]::new));
		}
	}

	/**
	 * Trains and exports, with the defaults of {@link FineTuner#withDefaults()}; the
	 * caller has checked the outputs ({@link #checkOutputs}).
	 * @param request what to train; its checkpoint folder, if any, is named when the run
	 * is stopped
	 * @param out the folder to export the tier to
	 * @param command the command line that resumes a stopped run
	 * @param report prints what a finished run trained and exported
	 * @return the command's exit status: 0, or {@link StopOnShutdown#STOPPED}
	 * @throws IOException if a file cannot be read or written
	 */
	public static int run(FineTuneRequest request, Path out, String command, Report report) throws IOException {
		try (StopOnShutdown stop = StopOnShutdown.install(System.err)) {
			FineTuner.Outcome outcome = FineTuner.withDefaults()
				.run(request, out, new TrainingProgressLine(System.out), stop);
			ExportedTier files = outcome.exported();
			if (files == null) {
				return stop.stopped(outcome.training(), request.checkpointDirectory(), command, System.out);
			}
			report.print(outcome.training(), files);
			return stop.completed();
		}
	}

	/** Prints what a finished run trained and exported. */
	@FunctionalInterface
	public interface Report {

		/**
		 * Prints the run's outcome on standard output.
		 * @param result how training ended
		 * @param files the exported tier's files
		 * @throws IOException if a file cannot be read
		 */
		void print(TrainingResult result, ExportedTier files) throws IOException;

	}

}
