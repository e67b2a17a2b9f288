package dev.tango.runtime.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files whole or not at all: the content goes to a temporary file in the target's
 * folder, which then replaces the target in one atomic move where the file system can
 * (else in a plain move). A failed write leaves the target as it was and no temporary
 * file behind.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/**
	 * Writes the content of a file.
	 * @param file the file to create or replace; its folder is created if missing
	 * @param content writes the content into the empty temporary file it is given
	 * @throws IOException if the content or the move fails
	 */
	public static void replace(Path file, Content content) throws IOException {
		Path absolute = file.toAbsolutePath();
		Path dir = absolute.getParent();
		Files.createDirectories(dir);
		Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
		try {
			content.writeTo(temp);
			try {
				Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Writes a file's content. */
	@FunctionalInterface
	public interface Content {

		/**
		 * Writes the content.
		 * @param temp the empty temporary file to write it to
		 * @throws IOException if it cannot be written
		 */
		void writeTo(Path temp) throws IOException;

	}

}
