package dev.tango.bench.distil;

import java.io.PrintStream;
import java.util.Locale;

import dev.tango.runtime.data.TierRunner;

/**
 * A progress line rewritten in place on a terminal stream: what is done, of how much, the
 * time spent and the time left at the pace so far (while nothing is done, that the inputs
 * are being measured). Shown at the first call, then at most once a second, and at the
 * end, which ends the line.
 */
final class ProgressLine implements TierRunner.Progress {

	private static final long INTERVAL_NANOS = 1_000_000_000L;

	private final PrintStream out;

	private final String what;

	private final long start = System.nanoTime();

	private long shown = this.start - INTERVAL_NANOS;

	ProgressLine(PrintStream out, String what) {
		this.out = out;
		this.what = what;
	}

	@Override
	public void done(long done, long total) {
		long now = System.nanoTime();
		if (done < total && now - this.shown < INTERVAL_NANOS) {
			return;
		}
		this.shown = now;
		double elapsed = (now - this.start) / 1e9;
		if (done == 0 && total > 0) {
			this.out.printf(Locale.ROOT, "\r%s: measuring the inputs' lengths, %.0f s   ", this.what, elapsed);
			this.out.flush();
			return;
		}
		double left = elapsed * (total - done) / done;
		this.out.printf(Locale.ROOT, "\r%s: %,d / %,d (%.0f%%), %.0f s, about %.0f s left   ", this.what, done, total,
				100.0 * done / Math.max(1, total), elapsed, left);
		if (done >= total) {
			this.out.println();
		}
		this.out.flush();
	}

}
