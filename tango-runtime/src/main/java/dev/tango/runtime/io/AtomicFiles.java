package dev.tango.runtime.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes files whole or not at all: the content goes to a temporary file in the target's
 * folder, which then replaces the target in one atomic move where the file system can
 * (else in a plain move). A failed write leaves the target as it was and no temporary
 * file behind. The file gets the permissions of any new file of the process (its umask),
 * not the owner-only ones of a JDK temporary file, so that other users a service runs as
 * can read what the bench writes.
 */
public final class AtomicFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

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
		Path temp = createTemporary(dir, absolute.getFileName().toString());
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

	private static Path createTemporary(Path dir, String name) throws IOException {
		while (true) {
			try {
				return Files
					.createFile(dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp"));
			}
			catch (FileAlreadyExistsException ex) {
				// another name
			}
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
