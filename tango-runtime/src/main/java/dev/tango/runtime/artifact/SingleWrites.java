package dev.tango.runtime.artifact;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs at most one write per key at a time in this process. A caller that asks while
 * another write of the same key runs waits for it: if it succeeded, the caller shares the
 * path it wrote instead of writing again; if it failed, the caller writes afresh with its
 * own write (the failure was the other caller's, perhaps of its source or of its
 * cancellation, and is never thrown to anyone else). Writes of different keys run in
 * parallel. Thread-safe.
 */
final class SingleWrites {

	/** Each running write's outcome: the path, or empty once it failed. */
	private final Map<String, CompletableFuture<Optional<Path>>> running = new ConcurrentHashMap<>();

	/**
	 * Runs a write, or waits for the one of the same key already running.
	 * @param key what is written (such as a sha256)
	 * @param write the write, run on the calling thread unless one of the same key runs
	 * and succeeds
	 * @return the path the write (this one or the one waited for) returned
	 * @throws IOException what this caller's own write threw, or an
	 * {@link InterruptedIOException} if the caller was interrupted while it waited
	 */
	Path run(String key, Write write) throws IOException {
		while (true) {
			CompletableFuture<Optional<Path>> mine = new CompletableFuture<>();
			CompletableFuture<Optional<Path>> theirs = this.running.putIfAbsent(key, mine);
			if (theirs == null) {
				return write(key, write, mine);
			}
			Optional<Path> shared = await(theirs, key);
			if (shared.isPresent()) {
				return shared.get();
			}
		}
	}

	private Path write(String key, Write write, CompletableFuture<Optional<Path>> mine) throws IOException {
		Optional<Path> outcome = Optional.empty();
		try {
			Path written = write.run();
			outcome = Optional.of(written);
			return written;
		}
		finally {
			// removed first, so that a caller arriving after the outcome writes afresh
			this.running.remove(key, mine);
			mine.complete(outcome);
		}
	}

	private static Optional<Path> await(CompletableFuture<Optional<Path>> running, String key) throws IOException {
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
			// never completed exceptionally
			throw new IllegalStateException(ex.getCause());
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
