package dev.tango.bench;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line that ran a command, as a shell would take it back: recorded in the
 * provenance of what the command writes.
 */
public final class Invocation {

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

	private Invocation() {
	}

	/**
	 * Returns the command line of the running command.
	 * @param spec the command's spec
	 * @return {@code tango bench} followed by the arguments, quoted where needed
	 */
	public static String of(CommandSpec spec) {
		return of(spec.root().commandLine().getParseResult().originalArgs());
	}

	/**
	 * Returns a command line from its arguments.
	 * @param args the arguments after {@code tango bench}
	 * @return the command line, each argument quoted for a POSIX shell where needed
	 */
	public static String of(List<String> args) {
		return "tango bench " + args.stream().map(Invocation::quote).collect(Collectors.joining(" "));
	}

	static String quote(String arg) {
		if (PLAIN.matcher(arg).matches()) {
			return arg;
		}
		return "'" + arg.replace("'", "'\\''") + "'";
	}

}
