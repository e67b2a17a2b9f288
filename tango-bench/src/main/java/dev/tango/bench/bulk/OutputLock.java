package dev.tango.bench.bulk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's hold on an output file: an exclusive lock on {@code <out>.lock} beside the
 * output's real path (a link to it locks the same file), so that a second run on the same
 * output, in this process or another, is refused instead of writing into it too. The
 * operating system releases the lock when the process ends, however it ends. The lock
 * file stays when the hold is closed: deleting it would let a run that had opened it lock
 * a file no later run sees. It holds nothing once no run holds it.
 */
final class OutputLock implements AutoCloseable {

	/**
	 * The lock files this process holds: a second channel on one of them must not be
	 * opened, since closing it would release the first one's lock.
	 */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

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
	 * @throws IOException if the lock file cannot be created or the file system cannot
	 * lock it
	 */
	static OutputLock acquire(Path out) throws IOException {
		Path file = fileOf(out);
		if (!HELD.add(file)) {
			throw held(out, file);
		}
		try {
			Files.createDirectories(file.getParent());
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
			if (lock == null) {
				channel.close();
				throw held(out, file);
			}
			return new OutputLock(file, channel, lock);
		}
		catch (IOException | RuntimeException ex) {
			HELD.remove(file);
			throw ex;
		}
	}

	/**
	 * Returns the lock file of an output.
	 * @param out the output file
	 * @return {@code <out>.lock} beside the output's real path (its link's target, if it
	 * is a link)
	 * @throws IOException if the output's real path cannot be found
	 */
	static Path fileOf(Path out) throws IOException {
		Path real = Files.exists(out) ? out.toRealPath() : out.toAbsolutePath().normalize();
		return real.resolveSibling(real.getFileName() + ".lock");
	}

	private static IllegalStateException held(Path out, Path file) {
		return new IllegalStateException(out + " is being written by another run (" + file.getFileName()
				+ " beside it is locked): wait for that run to end or stop it, or choose another --out");
	}

	@Override
	public void close() throws IOException {
		try (FileChannel channel = this.channel) {
			this.lock.release();
		}
		finally {
			HELD.remove(this.file);
		}
	}

}
