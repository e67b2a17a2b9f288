package dev.tango.runtime.artifact;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs at most one write per key at a time in this process; a caller that asks while
 * another write of the same key runs waits for it and shares its outcome instead of
 * writing again: the path it wrote, or the very exception it threw. The next caller after
 * a failure writes afresh. Writes of different keys run in parallel. Thread-safe.
 */
final class SingleWrites {

	private final Map<String, CompletableFuture<Path>> running = new ConcurrentHashMap<>();

	/**
	 * Runs a write, or waits for the one of the same key already running.
	 * @param key what is written (such as a sha256)
	 * @param write the write, run on the calling thread unless one of the same key runs
	 * @return the path the write (this one or the one waited for) returned
	 * @throws IOException what the write threw (the same instance for every waiter), or
	 * an {@link InterruptedIOException} if the caller was interrupted while it waited
	 */
	Path run(String key, Write write) throws IOException {
		CompletableFuture<Path> mine = new CompletableFuture<>();
		CompletableFuture<Path> theirs = this.running.putIfAbsent(key, mine);
		if (theirs != null) {
			return await(theirs, key);
		}
		try {
			Path written = write.run();
			mine.complete(written);
			return written;
		}
		catch (Throwable ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.running.remove(key, mine);
		}
	}

	private static Path await(CompletableFuture<Path> running, String key) throws IOException {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException(
					"Interrupted while waiting for another write of " + key);
			interrupted.initCause(ex);
			throw interrupted;
		}
		catch (ExecutionException ex) {
			switch (ex.getCause()) {
				case IOException io -> throw io;
				case RuntimeException unchecked -> throw unchecked;
				case Error error -> throw error;
				case null, default -> throw new IOException("Another write of " + key + " failed", ex.getCause());
			}
		}
	}

	/** A write that returns where it wrote. */
	@FunctionalInterface
	interface Write {

		/**
		 * Writes.
		 * @return the path written
		 * @throws IOException if the write fails
		 */
		Path run() throws IOException;

	}

}
