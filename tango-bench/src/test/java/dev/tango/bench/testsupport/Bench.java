package dev.tango.bench.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import dev.tango.bench.TangoBench;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running {@code tango bench} commands in the test's JVM, and the shared labelled data
 * they run on.
 */
public final class Bench {

	/**
	 * The SST-2 folder of the shared data, holding {@code train.tsv} and {@code dev.tsv}:
	 * {@code data/sst2} in the folder of the {@code tango.shared.dir} system property
	 * ({@code ../../shared} without it).
	 */
	public static final Path SST2 = Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2");

	private Bench() {
	}

	/**
	 * Runs a command in this JVM and asserts that it exits with status 0.
	 * @param args the command line after {@code tango bench}; the assertion names it
	 */
	public static void bench(String... args) {
		assertThat(TangoBench.commandLine().execute(args)).as(String.join(" ", args)).isZero();
	}

	/**
	 * Runs a command in this JVM, asserts that it exits with status 1 and no stack trace,
	 * and returns what it printed on standard error.
	 * @param args the command line after {@code tango bench}; the assertion names it
	 * @return the error output
	 */
	public static String refused(String... args) {
		StringWriter err = new StringWriter();
		int status = TangoBench.commandLine().setErr(new PrintWriter(err)).execute(args);
		assertThat(status).as(String.join(" ", args) + ": " + err).isEqualTo(1);
		assertThat(err.toString()).as("no stack trace").doesNotContain("\tat ");
		return err.toString();
	}

}
