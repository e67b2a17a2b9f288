package dev.tango.runtime.artifact;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partial entries of one directory of the store: the temporary files and folders,
 * named {@value #PREFIX}…, that the store's writers ({@link ArtifactCache},
 * {@link ArtifactFolders}) fill before they move them into place, and that a process
 * killed while it wrote leaves behind. The first {@link #sweepOnce()} deletes those
 * nothing has touched for {@link #ABANDONED}; a live writer touches its own as it writes,
 * so none of them is deleted. Thread-safe; several processes may sweep one directory at
 * once.
 */
final class Partials {

	/** The prefix of every partial entry's name. */
	static final String PREFIX = ".partial-";

	/**
	 * How long a partial entry goes untouched (neither it nor anything inside it
	 * modified) before it counts as abandoned.
	 */
	static final Duration ABANDONED = Duration.ofHours(1);

	private static final Logger logger = LoggerFactory.getLogger(Partials.class);

	private final Path directory;

	private final AtomicBoolean swept = new AtomicBoolean();

	/**
	 * Creates the partial entries of a directory.
	 * @param directory the directory the writers create their partial entries in
	 */
	Partials(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory");
	}

	/**
	 * Deletes the abandoned partial entries, files and folder trees alike, the first time
	 * it is called on this instance; later calls do nothing. Failures are logged, never
	 * thrown: a sweep only frees space.
	 */
	void sweepOnce() {
		if (!this.swept.compareAndSet(false, true)) {
			return;
		}
		FileTime before = FileTime.from(Instant.now().minus(ABANDONED));
		try (DirectoryStream<Path> partials = Files.newDirectoryStream(this.directory, PREFIX + "*")) {
			for (Path partial : partials) {
				sweep(partial, before);
			}
		}
		catch (NoSuchFileException ex) {
			// Nothing written yet, nothing to sweep.
		}
		catch (IOException ex) {
			logger.warn("Cannot sweep the partial artifacts of {}: {}", this.directory, ex.toString());
		}
	}

	private static void sweep(Path partial, FileTime before) {
		try {
			if (lastTouched(partial).compareTo(before) < 0) {
				deleteTree(partial);
				logger.info("Deleted {}, a partial artifact an earlier process left", partial.getFileName());
			}
		}
		catch (NoSuchFileException ex) {
			// Its writer finished, or another process swept it first.
		}
		catch (IOException ex) {
			logger.warn("Cannot delete the partial artifact {}: {}", partial, ex.toString());
		}
	}

	/**
	 * Returns when an entry or anything inside it was last modified, following no link.
	 */
	private static FileTime lastTouched(Path entry) throws IOException {
		FileTime[] latest = { FileTime.fromMillis(Long.MIN_VALUE) };
		Files.walkFileTree(entry, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
				return visitFile(dir, attributes);
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.lastModifiedTime().compareTo(latest[0]) > 0) {
					latest[0] = attributes.lastModifiedTime();
				}
				return FileVisitResult.CONTINUE;
			}

		});
		return latest[0];
	}

	/**
	 * Deletes a file, or a folder with everything inside it, never following a symbolic
	 * link: a link is deleted, not what it points to. Where the platform offers a
	 * {@link SecureDirectoryStream}, each folder is opened relative to its parent without
	 * following links, so that swapping a folder for a link while the tree is deleted
	 * cannot lead the deletion elsewhere. Entries that disappear meanwhile are not an
	 * error.
	 * @param root the file or folder
	 * @throws IOException if an entry cannot be deleted
	 */
	static void deleteTree(Path root) throws IOException {
		Path absolute = root.toAbsolutePath();
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		if (!attributes.isDirectory()) {
			Files.deleteIfExists(absolute);
			return;
		}
		try (DirectoryStream<Path> parent = Files.newDirectoryStream(absolute.getParent())) {
			if (parent instanceof SecureDirectoryStream<Path> secure) {
				deleteEntry(secure, absolute.getFileName());
				return;
			}
		}
		deleteWalking(absolute);
	}

	private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name) throws IOException {
		try {
			BasicFileAttributes attributes = parent
				.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
				.readAttributes();
			if (!attributes.isDirectory()) {
				parent.deleteFile(name);
				return;
			}
			try (SecureDirectoryStream<Path> folder = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
				List<Path> entries = new ArrayList<>();
				folder.forEach((entry) -> entries.add(entry.getFileName()));
				for (Path entry : entries) {
					deleteEntry(folder, entry);
				}
			}
			parent.deleteDirectory(name);
		}
		catch (NoSuchFileException ex) {
			// Deleted meanwhile.
		}
	}

	/** Deletes a tree where no secure directory stream is available. */
	private static void deleteWalking(Path root) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
				if (ex != null && !(ex instanceof NoSuchFileException)) {
					throw ex;
				}
				Files.deleteIfExists(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

}
