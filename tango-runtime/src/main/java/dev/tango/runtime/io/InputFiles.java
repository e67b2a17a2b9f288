package dev.tango.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens files that are read whole or as a stream. A folder given where a file is expected
 * is refused with an exception that names it: the JDK opens a folder without complaint on
 * Linux and fails at the first read with a bare "Is a directory", which names no path.
 */
public final class InputFiles {

	private InputFiles() {
	}

	/**
	 * Opens a file to read.
	 * @param file the file
	 * @return its content as a stream, to be closed by the caller
	 * @throws FileSystemException naming the path if it is a folder
	 * @throws IOException if the file cannot be opened, such as
	 * {@link java.nio.file.NoSuchFileException} for a missing one
	 */
	public static InputStream open(Path file) throws IOException {
		requireNotAFolder(file);
		return Files.newInputStream(file);
	}

	/**
	 * Reads a file whole.
	 * @param file the file
	 * @return its bytes
	 * @throws FileSystemException naming the path if it is a folder
	 * @throws IOException if the file cannot be read
	 */
	public static byte[] readAllBytes(Path file) throws IOException {
		requireNotAFolder(file);
		return Files.readAllBytes(file);
	}

	private static void requireNotAFolder(Path file) throws FileSystemException {
		if (Files.isDirectory(file)) {
			throw new FileSystemException(file.toString(), null, "a folder, where a file is expected");
		}
	}

}
