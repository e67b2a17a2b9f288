package dev.tango.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

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
	 * Checks {@code --out} and the command's other outputs before it does its work
	 * ({@link TextFiles#checkOutputs}).
	 * @param others the command's other outputs by option; {@code null} for one not given
	 * @param inputs the files the command reads
	 * @throws IOException if the files cannot be compared or a folder cannot be created
	 * @throws IllegalArgumentException if an output is an input or another output, or
	 * cannot be written
	 */
	public void checkOutputs(Map<String, @Nullable Path> others, Collection<Path> inputs) throws IOException {
		Map<String, @Nullable Path> outputs = new LinkedHashMap<>();
		outputs.put("--out", this.out);
		outputs.putAll(others);
		TextFiles.checkOutputs(outputs, inputs);
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
