package dev.tango.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
	 * Refuses a folder to write to that is a file.
	 * @param option the option that names the folder, such as {@code --out}
	 * @param folder the folder, or {@code null} where none was given
	 * @throws IllegalArgumentException if it is a file
	 */
	public static void requireFolder(String option, @Nullable Path folder) {
		if (folder != null && Files.exists(folder) && !Files.isDirectory(folder)) {
			throw new IllegalArgumentException(option + " " + folder + " is a file: give the folder to write to");
		}
	}

	/**
	 * Checks a command's one output before it does its work, as {@link #checkOutputs}
	 * does: refuses it if it is one of the inputs or its folder cannot be written.
	 * @param option the option that names the output, such as {@code --out}
	 * @param output the output file, or {@code null} where none was given
	 * @param inputs the files the command reads
	 * @throws IOException if the files cannot be compared or the folder cannot be created
	 * @throws IllegalArgumentException if the output is one of the inputs or its folder
	 * cannot be written
	 */
	public static void requireNotAnInput(String option, @Nullable Path output, Path... inputs) throws IOException {
		Map<String, @Nullable Path> outputs = new LinkedHashMap<>();
		outputs.put(option, output);
		checkOutputs(outputs, List.of(inputs));
	}

	/**
	 * Checks a command's outputs before it does its work: refuses one that is one of its
	 * inputs, or another output (writing it would replace what the command reads, or what
	 * it wrote under another option), and one whose folder cannot be created or written.
	 * @param outputs the output files by the options that name them; {@code null} for an
	 * option not given
	 * @param inputs the files the command reads
	 * @throws IOException if the files cannot be compared or a folder cannot be created
	 * @throws IllegalArgumentException naming the first output that is an input or
	 * another output, or whose folder is not writable
	 */
	public static void checkOutputs(Map<String, @Nullable Path> outputs, Collection<Path> inputs) throws IOException {
		Map<String, Path> seen = new LinkedHashMap<>();
		for (Map.Entry<String, @Nullable Path> entry : outputs.entrySet()) {
			Path output = entry.getValue();
			if (output == null) {
				continue;
			}
			for (Path input : inputs) {
				if (same(output, input)) {
					throw new IllegalArgumentException(entry.getKey() + " " + output + " is the input " + input
							+ ": writing it would replace what this command reads; choose another file");
				}
			}
			for (Map.Entry<String, Path> earlier : seen.entrySet()) {
				if (same(output, earlier.getValue())) {
					throw new IllegalArgumentException(entry.getKey() + " " + output + " is also the file of "
							+ earlier.getKey() + ": one would replace the other; choose another file");
				}
			}
			seen.put(entry.getKey(), output);
			createParent(output);
			Path folder = output.toAbsolutePath().getParent();
			if (folder != null && !Files.isWritable(folder)) {
				throw new IllegalArgumentException(
						entry.getKey() + " " + output + ": the folder " + folder + " cannot be written");
			}
		}
	}

	private static boolean same(Path a, Path b) throws IOException {
		if (Files.exists(a) && Files.exists(b)) {
			return Files.isSameFile(a, b);
		}
		return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
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
