package dev.tango.bench.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

import dev.tango.bench.report.TextFiles;
import dev.tango.train.finetune.ExportedTier;
import dev.tango.train.finetune.FineTuneRequest;
import dev.tango.train.finetune.FineTuner;
import dev.tango.train.loop.TrainingResult;

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
	 * Trains and exports, with the defaults of {@link FineTuner#withDefaults()}.
	 * @param request what to train; its checkpoint folder, if any, is named when the run
	 * is stopped
	 * @param out the folder to export the tier to
	 * @param command the command line that resumes a stopped run
	 * @param inputs the files the command reads, which no file of the export may be
	 * @param report prints what a finished run trained and exported
	 * @return the command's exit status: 0, or {@link StopOnShutdown#STOPPED}
	 * @throws IOException if a file cannot be read or written
	 * @throws IllegalArgumentException before any training, if {@code --out} or
	 * {@code --checkpoint-dir} is a file, or a file of the export would replace an input
	 */
	public static int run(FineTuneRequest request, Path out, String command, Collection<Path> inputs, Report report)
			throws IOException {
		TextFiles.requireFolder("--out", out);
		TextFiles.requireFolder("--checkpoint-dir", request.checkpointDirectory());
		for (Path file : ExportedTier.files(out, request.name())) {
			TextFiles.requireNotAnInput("--out", file, inputs.toArray(Path[]::new));
		}
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
