package dev.tango.bench.bulk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run's hold on an output file: an exclusive lock on {@code <out>.lock} beside it, so
 * that a second run on the same output is refused instead of writing into it too. The
 * operating system releases the lock when the process ends, however it ends; closing
 * releases it and removes the lock file.
 */
final class OutputLock implements AutoCloseable {

	private final Path file;

	private final FileChannel channel;

	private final FileLock lock;

	private OutputLock(Path file, FileChannel channel, FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the hold on an output, creating its folder if missing.
	 * @param out the output file
	 * @return the hold, to be closed when the run ends
	 * @throws IllegalStateException if another run, in this process or another, holds it
	 * @throws IOException if the lock file cannot be created
	 */
	static OutputLock acquire(Path out) throws IOException {
		Path file = fileOf(out);
		Files.createDirectories(file.toAbsolutePath().getParent());
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		if (lock == null) {
			channel.close();
			throw new IllegalStateException(out + " is being written by another run (" + file.getFileName()
					+ " beside it is locked): wait for that run to end or stop it, or choose another --out");
		}
		return new OutputLock(file, channel, lock);
	}

	/**
	 * Returns the lock file of an output.
	 * @param out the output file
	 * @return {@code <out>.lock} in the same folder
	 */
	static Path fileOf(Path out) {
		return out.resolveSibling(out.getFileName() + ".lock");
	}

	@Override
	public void close() throws IOException {
		try (FileChannel channel = this.channel) {
			Files.deleteIfExists(this.file);
			this.lock.release();
		}
	}

}
