package dev.tango.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Writing the bench's text outputs, and removing outputs and work folders.
 */
public final class TextFiles {

	private TextFiles() {
	}

	/**
	 * Writes text as UTF-8, creating the file's folder.
	 * @param file the file, replaced if it exists
	 * @param text the text
	 * @throws IOException if the file cannot be written
	 */
	public static void write(Path file, String text) throws IOException {
		createParent(file);
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	/**
	 * Refuses an output that is one of a command's inputs, before the command reads or
	 * writes anything: writing it would replace what the command reads.
	 * @param option the option that names the output, such as {@code --out}
	 * @param output the output file, or {@code null} where none was given
	 * @param inputs the files the command reads
	 * @throws IOException if the files cannot be compared
	 * @throws IllegalArgumentException if the output is one of the inputs
	 */
	public static void requireNotAnInput(String option, @Nullable Path output, Path... inputs) throws IOException {
		if (output == null || !Files.exists(output)) {
			return;
		}
		for (Path input : inputs) {
			if (Files.exists(input) && Files.isSameFile(output, input)) {
				throw new IllegalArgumentException(option + " " + output + " is the input " + input
						+ ": writing it would replace what this command reads; choose another file");
			}
		}
	}

	/**
	 * Creates the folder of a file to be written, if it is missing.
	 * @param file the file
	 * @throws IOException if the folder cannot be created
	 */
	public static void createParent(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
	}

	/**
	 * Deletes a file, or a folder and everything in it; nothing if it does not exist.
	 * @param path the file or folder
	 * @throws IOException if something in it cannot be deleted
	 */
	public static void deleteTree(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
