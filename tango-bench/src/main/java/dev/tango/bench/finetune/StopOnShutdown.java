package dev.tango.bench.finetune;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import dev.tango.train.loop.TrainingResult;
import org.jspecify.annotations.Nullable;

/**
 * Stops a training command (or another that works in checkpointed steps, such as
 * {@code classify-file}) gracefully when its process is asked to end (Ctrl-C, or a
 * {@code SIGTERM}): a shutdown hook asks the run to stop, through the cancellation the
 * training loop checks between steps (it stops after the current step and writes a
 * checkpoint), waits until the command has said how to resume, and ends the process with
 * {@link #STOPPED}. Asked before the loop has begun (while tokenising, fitting the linear
 * probe or scoring with the teacher), there is nothing to keep and the process ends as it
 * would without the hook.
 *
 * <p>
 * Use: {@link #install} before training, pass it as the run's cancellation, return
 * {@link #stopped} when the run ends cancelled or {@link #completed} when it ends well,
 * and {@link #close} it. Thread-safe.
 */
public final class StopOnShutdown implements BooleanSupplier, AutoCloseable {

	/**
	 * The exit status of a command stopped this way, with its checkpoint kept: 75,
	 * {@code EX_TEMPFAIL} of {@code sysexits.h} ("try again later"), distinct from a
	 * failure (1), a usage error (2) and a process killed outright (130, 143).
	 */
	public static final int STOPPED = 75;

	private final AtomicBoolean requested = new AtomicBoolean();

	private final AtomicBoolean looping = new AtomicBoolean();

	private final CountDownLatch finished = new CountDownLatch(1);

	private final PrintStream err;

	private final Thread hook;

	private volatile int status = 1;

	private StopOnShutdown(PrintStream err) {
		this.err = err;
		this.hook = new Thread(this::onShutdown, "tango-stop-training");
	}

	/**
	 * Registers the shutdown hook.
	 * @param err where the hook says that the run is stopping
	 * @return the stop, to pass as the run's cancellation and to close
	 */
	public static StopOnShutdown install(PrintStream err) {
		StopOnShutdown stop = new StopOnShutdown(err);
		Runtime.getRuntime().addShutdownHook(stop.hook);
		return stop;
	}

	/**
	 * Returns whether the run should stop; called by the training loop between steps,
	 * which also tells this that the loop is running.
	 * @return {@code true} once the process was asked to end
	 */
	@Override
	public boolean getAsBoolean() {
		this.looping.set(true);
		return this.requested.get();
	}

	/**
	 * Says how a stopped run resumes and returns the status the command exits with.
	 * @param result the cancelled run
	 * @param checkpoints the run's checkpoint folder, or {@code null} if it has none
	 * @param command the command line that resumes the run
	 * @param out where to say it
	 * @return {@link #STOPPED}
	 */
	public int stopped(TrainingResult result, @Nullable Path checkpoints, String command, PrintStream out) {
		out.println();
		if (checkpoints != null) {
			out.printf("Stopped after step %d; the checkpoint in %s is kept. Run the same command to resume:%n  %s%n",
					result.steps(), checkpoints, command);
		}
		else {
			out.printf("Stopped after step %d without a checkpoint folder: nothing is kept. "
					+ "Give --checkpoint-dir to make a run resumable.%n", result.steps());
		}
		return stopped(out);
	}

	/**
	 * Records that the run stopped with what it did kept, once the command has said how
	 * to resume it, and returns the status the command exits with.
	 * @param out the stream the command said it on, flushed here
	 * @return {@link #STOPPED}
	 */
	public int stopped(PrintStream out) {
		out.flush();
		this.status = STOPPED;
		return STOPPED;
	}

	/**
	 * Records that the command ended well, so that a process asked to end meanwhile (such
	 * as while exporting) ends with status 0.
	 * @return 0, the command's exit status
	 */
	public int completed() {
		this.status = 0;
		return 0;
	}

	/**
	 * Ends the stop: removes the hook, or when the process is ending, lets the hook end
	 * it with the status {@link #stopped} or {@link #completed} set, or 1 if neither was
	 * (the command failed).
	 */
	@Override
	public void close() {
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook is running and ends the process
		}
	}

	private void onShutdown() {
		this.requested.set(true);
		if (!this.looping.get()) {
			return;
		}
		this.err.println();
		this.err.println("Stopping after the current step and writing a checkpoint …");
		this.err.flush();
		try {
			this.finished.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		Runtime.getRuntime().halt(this.status);
	}

}
