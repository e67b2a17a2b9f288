package dev.tango.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writing the bench's text outputs.
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

}
