package dev.tango.bench.report;

import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The option of the commands that print a report on standard output: {@code --out}, a
 * file that receives the same text.
 */
public final class ReportOptions {

	@Option(names = "--out", description = "also write the report to this file")
	@Nullable Path out;

	/**
	 * Refuses a {@code --out} that is one of the command's inputs.
	 * @param inputs the files the command reads
	 * @throws IOException if the files cannot be compared
	 * @throws IllegalArgumentException if {@code --out} is one of them
	 */
	public void requireNotAnInput(Path... inputs) throws IOException {
		TextFiles.requireNotAnInput("--out", this.out, inputs);
	}

	/**
	 * Prints a report on standard output and, when {@code --out} was given, writes the
	 * same text to that file (as UTF-8, creating its folder, replacing the file).
	 * @param report the report's text, printed as it is
	 * @throws IOException if the file cannot be written
	 */
	public void print(String report) throws IOException {
		System.out.print(report);
		if (this.out != null) {
			TextFiles.write(this.out, report);
		}
	}

}
