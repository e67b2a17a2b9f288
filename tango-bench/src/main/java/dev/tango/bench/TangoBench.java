package dev.tango.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.tango.bench.benchmark.BenchmarkCommand;
import dev.tango.bench.calibrate.CalibrateCommand;
import dev.tango.bench.calibrate.EvaluateCommand;
import dev.tango.bench.cascade.CascadeCommand;
import dev.tango.bench.data.SplitCommand;
import dev.tango.bench.distil.DistilCommand;
import dev.tango.bench.finetune.FineTuneCommand;
import dev.tango.bench.fit.FitHeadCommand;
import dev.tango.bench.fit.FitLexicalCommand;
import dev.tango.bench.plot.PlotCommand;
import dev.tango.runtime.data.DatasetFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tango bench} command line: fits and distils heads, builds cascade
 * descriptors, evaluates, calibrates and benchmarks cascades, and plots threshold curves.
 */
@Command(name = "tango bench", mixinStandardHelpOptions = true, versionProvider = Versions.class,
		description = "Fits heads, builds, evaluates, calibrates and benchmarks cascades.",
		subcommands = { SplitCommand.class, FitHeadCommand.class, FitLexicalCommand.class, FineTuneCommand.class,
				DistilCommand.class, CascadeCommand.class, CalibrateCommand.class, EvaluateCommand.class,
				BenchmarkCommand.class, dev.tango.bench.bulk.ClassifyFileCommand.class,
				dev.tango.bench.bulk.BulkBenchmarkCommand.class, PlotCommand.class,
				dev.tango.bench.load.LoadCommand.class, dev.tango.bench.soak.SoakCommand.class,
				dev.tango.bench.slowclients.SlowClientsCommand.class,
				dev.tango.bench.triton.TritonRepositoryCommand.class })
public final class TangoBench implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	/**
	 * Runs a command and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/**
	 * Returns the command line, ready to execute; failures print their message (and the
	 * messages of their causes), not a stack trace, and give exit status 1.
	 * @return the command line
	 */
	public static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(new TangoBench());
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		// every command's --version prints what the top level's does
		Versions versions = new Versions();
		commandLine.getSubcommands().values().forEach((sub) -> sub.getCommandSpec().versionProvider(versions));
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			PrintWriter err = line.getErr();
			String message = FailureMessages.of(ex, line.getCommandSpec());
			err.println("error: " + message);
			for (Throwable cause = ex.getCause(); cause != null
					&& cause != cause.getCause(); cause = cause.getCause()) {
				// a data set's fault named by its file is the same fault by its line
				// alone
				boolean sameFault = cause instanceof DatasetFormatException fault && message.contains(fault.reason());
				if (cause.getMessage() != null && !message.contains(cause.getMessage()) && !sameFault) {
					err.println("  caused by: " + FailureMessages.of(cause));
				}
			}
			if (!(ex instanceof java.io.IOException || ex instanceof IllegalArgumentException
					|| ex instanceof IllegalStateException)) {
				ex.printStackTrace(err);
			}
			err.flush();
			return 1;
		});
		return commandLine;
	}

	/**
	 * Without a command: prints the usage on standard error and returns 2, as for any
	 * other incomplete command line.
	 */
	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return 2;
	}

}
