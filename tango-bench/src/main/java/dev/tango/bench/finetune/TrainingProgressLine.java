package dev.tango.bench.finetune;

import java.io.PrintStream;
import java.time.Duration;

import dev.tango.train.loop.TrainingListener;
import dev.tango.train.loop.TrainingProgress;

/**
 * A one-line progress bar of a training run, redrawn in place on a terminal: steps done
 * of all, a bar, the step's loss, the latest held-out accuracy and the estimated time
 * left. Redrawn at most every {@value #REDRAW_MILLIS} ms, after an evaluation, and at the
 * last step.
 */
public final class TrainingProgressLine implements TrainingListener {

	private static final long REDRAW_MILLIS = 500;

	private static final int WIDTH = 24;

	private final PrintStream out;

	private long lastDrawn;

	/**
	 * Creates a progress line.
	 * @param out where it is drawn
	 */
	public TrainingProgressLine(PrintStream out) {
		this.out = out;
	}

	@Override
	public void onProgress(TrainingProgress progress) {
		long now = System.currentTimeMillis();
		boolean last = progress.step() == progress.totalSteps();
		if (!last && !progress.evaluated() && now - this.lastDrawn < REDRAW_MILLIS) {
			return;
		}
		this.lastDrawn = now;
		this.out.print("\r" + line(progress) + (last ? System.lineSeparator() : ""));
		this.out.flush();
	}

	static String line(TrainingProgress progress) {
		int filled = (int) (WIDTH * progress.step() / Math.max(1, progress.totalSteps()));
		String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
		String accuracy = Double.isNaN(progress.heldOutAccuracy()) ? "  -   "
				: String.format("%.4f", progress.heldOutAccuracy());
		return String.format("step %d/%d [%s] loss %.4f  held-out acc %s  ETA %s", progress.step(),
				progress.totalSteps(), bar, progress.loss(), accuracy, clock(progress.eta()));
	}

	private static String clock(Duration duration) {
		long seconds = duration.toSeconds();
		return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
	}

}
