package dev.tango.bench.bulk;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import dev.tango.runtime.bulk.BulkClassifier;
import dev.tango.runtime.bulk.BulkProgress;

/**
 * Prints where a bulk run starts and, after each chunk (at most every two seconds, and
 * after the last), a line with the rows done, the rate of this run and the time left at
 * that rate. Asks a stop whether to stop.
 */
final class ProgressLines implements BulkClassifier.Listener {

	private static final long INTERVAL_NANOS = 2_000_000_000L;

	private final PrintStream out;

	private final BooleanSupplier stop;

	private long shown = Long.MIN_VALUE;

	ProgressLines(PrintStream out, BooleanSupplier stop) {
		this.out = out;
		this.stop = stop;
	}

	@Override
	public void started(BulkProgress progress) {
		if (progress.resumedFrom() > 0 && progress.resumedFrom() >= progress.rowsTotal()) {
			this.out.printf(Locale.ROOT, "All %d rows were done before: nothing is left to classify%n",
					progress.rowsTotal());
		}
		else if (progress.resumedFrom() > 0) {
			this.out.printf(Locale.ROOT, "Resuming at row %d of %d: %d rows were done before%n",
					progress.resumedFrom() + 1, progress.rowsTotal(), progress.resumedFrom());
		}
		else {
			this.out.printf(Locale.ROOT, "Starting at row 1 of %d%n", progress.rowsTotal());
		}
		this.out.flush();
	}

	@Override
	public void chunkDone(BulkProgress progress) {
		long now = System.nanoTime();
		if (progress.rowsDone() < progress.rowsTotal() && this.shown != Long.MIN_VALUE
				&& now - this.shown < INTERVAL_NANOS) {
			return;
		}
		this.shown = now;
		double left = progress.secondsLeft();
		this.out.printf(Locale.ROOT, "%d / %d rows (%.1f%%), %.1f rows/s, about %s left%n", progress.rowsDone(),
				progress.rowsTotal(), 100.0 * progress.rowsDone() / Math.max(1, progress.rowsTotal()),
				progress.rowsPerSecond(), Double.isNaN(left) ? "?" : duration(left));
		this.out.flush();
	}

	@Override
	public boolean stopRequested() {
		return this.stop.getAsBoolean();
	}

	static String duration(double seconds) {
		long s = Math.round(seconds);
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
	}

}
