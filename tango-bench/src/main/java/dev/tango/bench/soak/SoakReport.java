package dev.tango.bench.soak;

import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.tango.bench.report.Markdown;
import dev.tango.bench.report.Median;
import dev.tango.core.plot.TimeSeriesPlot;

/**
 * The verdict of a soak run: each memory quantity is flat when the median of the last
 * quarter of its samples after the warm-up is within a tolerance of the median of the
 * first quarter (its baseline), either way. Open files (every descriptor but sockets) are
 * judged by growth alone, since a leaked descriptor only adds. Sockets are not judged:
 * their count follows the HTTP connections the load keeps open; the summary gives their
 * range. Also writes the samples as CSV and the curve as SVG.
 *
 * @param samples the samples, in time order
 * @param warmupSeconds the warm-up, whose samples only the curve shows
 * @param swapSeconds the times of the version swaps, in seconds since the load started
 * @param swapMillis how long each swap took from activation to the first answer of the
 * new version, in milliseconds
 * @param tolerancePercent the tolerance, in percent of the baseline
 */
record SoakReport(List<Sample> samples, double warmupSeconds, List<Double> swapSeconds, List<Long> swapMillis,
		double tolerancePercent) {

	/**
	 * A sampled quantity.
	 *
	 * @param name its name
	 * @param value reads it from a sample
	 * @param bytes whether it is a number of bytes
	 * @param growthOnly whether only a rise beyond the tolerance fails, not a fall
	 */
	record Quantity(String name, ToDoubleFunction<Sample> value, boolean bytes, boolean growthOnly) {
	}

	/** The quantities that must stay flat. */
	static final List<Quantity> QUANTITIES = List.of(new Quantity("live heap", Sample::heapBytes, true, false),
			new Quantity("resident memory", Sample::residentBytes, true, false),
			new Quantity("native memory", Sample::nativeBytes, true, false),
			new Quantity("open files", Sample::openFiles, false, true));

	/**
	 * One quantity's change.
	 *
	 * @param quantity the quantity
	 * @param baseline the median of the first quarter after the warm-up
	 * @param last the median of the last quarter
	 * @param tolerancePercent the tolerance
	 */
	record Change(Quantity quantity, double baseline, double last, double tolerancePercent) {

		double percent() {
			return 100 * (this.last - this.baseline) / this.baseline;
		}

		boolean flat() {
			double percent = this.quantity.growthOnly() ? percent() : Math.abs(percent());
			return percent <= this.tolerancePercent;
		}

	}

	private List<Sample> measured() {
		List<Sample> measured = this.samples.stream().filter((s) -> s.seconds() >= this.warmupSeconds).toList();
		if (measured.size() < 4) {
			throw new IllegalStateException(
					"Fewer than four samples after the warm-up: run longer or sample more often");
		}
		return measured;
	}

	/**
	 * Returns the change of every quantity.
	 * @return one change per quantity of {@link #QUANTITIES}
	 * @throws IllegalStateException with fewer than four samples after the warm-up
	 */
	List<Change> changes() {
		List<Sample> measured = measured();
		int quarter = measured.size() / 4;
		List<Change> changes = new ArrayList<>();
		for (Quantity quantity : QUANTITIES) {
			double first = Median.of(measured.subList(0, quarter), quantity.value());
			double last = Median.of(measured.subList(measured.size() - quarter, measured.size()), quantity.value());
			changes.add(new Change(quantity, first, last, this.tolerancePercent));
		}
		return changes;
	}

	/**
	 * Says whether every quantity is flat and no request failed after the warm-up.
	 * @return whether the run passes
	 */
	boolean passed() {
		return changes().stream().allMatch(Change::flat) && failedAfterWarmup() == 0;
	}

	long failedAfterWarmup() {
		return measured().stream().mapToLong(Sample::failed).sum();
	}

	long answered() {
		return this.samples.stream().mapToLong(Sample::answered).sum();
	}

	/**
	 * Returns the samples as CSV, one row per sample, with a header.
	 * @return the CSV text
	 */
	String csv() {
		StringBuilder csv = new StringBuilder(Sample.HEADER).append('\n');
		this.samples.forEach((sample) -> csv.append(sample.csv()).append('\n'));
		return csv.toString();
	}

	/**
	 * Draws every quantity relative to its baseline over the whole run.
	 * @param title the plot's title
	 * @return the SVG document
	 */
	String svg(String title) {
		List<Change> changes = changes();
		double[] minutes = this.samples.stream().mapToDouble((s) -> s.seconds() / 60).toArray();
		List<TimeSeriesPlot.Series> series = new ArrayList<>();
		for (Change change : changes) {
			double[] percent = this.samples.stream()
				.mapToDouble((s) -> 100 * change.quantity().value().applyAsDouble(s) / change.baseline())
				.toArray();
			series.add(new TimeSeriesPlot.Series(String.format(Locale.ROOT, "%s (100%% = %s)", change.quantity().name(),
					format(change.quantity(), change.baseline())), minutes, percent));
		}
		return TimeSeriesPlot.svg(title, series, this.tolerancePercent, this.warmupSeconds / 60,
				this.swapSeconds.stream().map((s) -> s / 60).toList());
	}

	/**
	 * Summarises the run in Markdown: a table of the quantities and the verdict.
	 * @return the Markdown text
	 */
	String markdown() {
		Markdown table = new Markdown("lllll", "quantity", "baseline (first quarter after warm-up)", "last quarter",
				"change", "flat within " + Markdown.plain(this.tolerancePercent) + "%");
		for (Change change : changes()) {
			table.row(change.quantity().name(), format(change.quantity(), change.baseline()),
					format(change.quantity(), change.last()), String.format(Locale.ROOT, "%+.1f%%", change.percent()),
					(change.flat() ? "yes" : "no") + (change.quantity().growthOnly() ? " (judged by growth)" : ""));
		}
		StringBuilder text = new StringBuilder(table.toString());
		long[] sorted = this.swapMillis.stream().mapToLong(Long::longValue).sorted().toArray();
		text.append(String.format(Locale.ROOT,
				"%nRequests answered: %d; failed or refused after the warm-up: %d. Version swaps: %d (activation to "
						+ "first answer of the new version: median %d ms, max %d ms).%n%nVerdict: **%s**%n",
				answered(), failedAfterWarmup(), sorted.length, (sorted.length == 0) ? 0 : sorted[sorted.length / 2],
				(sorted.length == 0) ? 0 : sorted[sorted.length - 1], passed() ? "pass" : "fail"));
		IntSummaryStatistics sockets = measured().stream().mapToInt(Sample::sockets).summaryStatistics();
		text.append(String.format(Locale.ROOT,
				"%nOpen sockets after the warm-up, not judged (they follow the load's connections): %d to %d.%n",
				sockets.getMin(), sockets.getMax()));
		return text.toString();
	}

	private static String format(Quantity quantity, double value) {
		return quantity.bytes() ? String.format(Locale.ROOT, "%.1f MiB", value / (1024 * 1024))
				: String.format(Locale.ROOT, "%.0f", value);
	}

}
