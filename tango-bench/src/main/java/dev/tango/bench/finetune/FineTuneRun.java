package dev.tango.bench.finetune;

import java.io.IOException;
import java.nio.file.Path;

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
