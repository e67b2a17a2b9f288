package dev.tango.runtime.artifact;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Folders that put verified files side by side under the relative paths a reader expects,
 * such as an ONNX model and the external-data files its tensors name: ONNX Runtime looks
 * for external data relative to the model's folder. A folder is named by the sha256 of
 * its listing (each path with the sha256 of its content), so the same listing always
 * gives the same folder, which is built once and then reused.
 *
 * <p>
 * Files are hard links to the stored content where the file system allows, else copies;
 * never symbolic links. A folder is assembled under a temporary name and moved into place
 * atomically; one found in place is checked (every file regular, of the listed sha256,
 * nothing else) once per process and rebuilt if it differs. The first folder assembled
 * deletes the temporary folders ({@code .partial-*}) that a process killed while it
 * assembled left behind, once nothing has touched them for an hour; trees are deleted
 * without following any symbolic link. Thread-safe, and safe with several processes
 * sharing the directory.
 */
public final class ArtifactFolders {

	/**
	 * Characters that no stored path may hold although they name no directory: file
	 * systems' wildcards and reserved characters, and ONNX Runtime reads the location
	 * {@code *}{@code /_ORT_MEM_ADDR_/*} as a memory address.
	 */
	public static final String RESERVED_CHARACTERS = "*?<>|\"";

	private static final Pattern SEGMENT = Pattern.compile("[^/\\\\:" + RESERVED_CHARACTERS + "\\x00-\\x1f\\x7f]+");

	private final Path directory;

	private final Set<String> checked = ConcurrentHashMap.newKeySet();

	private final Partials partials;

	/**
	 * Creates folders under a directory, created when first written.
	 * @param directory the directory
	 */
	public ArtifactFolders(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
		this.partials = new Partials(this.directory);
	}

	/**
	 * Returns the folder holding the listed files, assembling it if it does not exist.
	 * @param listing each file's relative path ({@code /}-separated, normalised) → the
	 * sha256 of its content
	 * @param stored finds the verified stored file of a sha256
	 * @return the folder, absolute
	 * @throws IOException if a stored file cannot be found or the folder cannot be
	 * written
	 * @throws IllegalArgumentException if a path is not relative and normalised or a
	 * sha256 not 64 lower-case hexadecimal digits
	 */
	public Path folder(Map<String, String> listing, StoredFiles stored) throws IOException {
		Map<String, String> sorted = new TreeMap<>(listing);
		StringBuilder text = new StringBuilder();
		sorted.forEach((path, sha256) -> {
			checkPath(path);
			Sha256.requireValid(sha256);
			text.append(path).append('\n').append(sha256).append('\n');
		});
		String key = Sha256.ofUtf8(text.toString());
		Path folder = this.directory.resolve(key);
		boolean present = Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
		if (present && (this.checked.contains(key) || holds(folder, sorted))) {
			this.checked.add(key);
			return folder;
		}
		Files.createDirectories(this.directory);
		this.partials.sweepOnce();
		Path temporary = Files.createTempDirectory(this.directory, Partials.PREFIX);
		try {
			for (Map.Entry<String, String> file : sorted.entrySet()) {
				Path target = temporary.resolve(file.getKey());
				Files.createDirectories(target.getParent());
				link(stored.file(file.getValue()), target);
			}
			if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
				Partials.deleteTree(folder);
			}
			try {
				Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException ex) {
				// Another process placed the same folder first.
				if (!holds(folder, sorted)) {
					throw ex;
				}
			}
			this.checked.add(key);
			return folder;
		}
		finally {
			if (Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)) {
				Partials.deleteTree(temporary);
			}
		}
	}

	private static boolean holds(Path folder, Map<String, String> listing) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			long files = walk.filter((path) -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).count();
			if (files != listing.size()) {
				return false;
			}
		}
		for (Map.Entry<String, String> file : listing.entrySet()) {
			Path path = folder.resolve(file.getKey());
			if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || !Sha256.of(path).equals(file.getValue())) {
				return false;
			}
		}
		return true;
	}

	private static void link(Path source, Path target) throws IOException {
		try {
			Files.createLink(target, source);
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			Files.copy(source, target);
		}
	}

	private static void checkPath(String path) {
		for (String segment : path.split("/", -1)) {
			if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("Not a relative, normalised path: '" + path + "'");
			}
		}
	}

	/** Finds stored content by its sha256. */
	@FunctionalInterface
	public interface StoredFiles {

		/**
		 * Returns the stored, verified file of a content.
		 * @param sha256 the content's sha256
		 * @return a regular file with that content
		 * @throws IOException if the content is not stored
		 */
		Path file(String sha256) throws IOException;

	}

}
