package dev.tango.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.tango.bench.report.Markdown;

/**
 * The open-loop load test's Markdown report: one row per configuration and rate, and for
 * each point whether the overload targets are met: at least 95% of admitted requests
 * succeed, their p99 is within the deadline, goodput is at least 90% of the closed-loop
 * capacity, and refusals come back within 50 ms at the 99th percentile.
 *
 * @param points the measured points
 * @param deadline the services' request timeout
 */
public record OpenLoopReport(List<Point> points, Duration deadline) {

	/** The slowest refusal the targets allow, at the 99th percentile. */
	static final long REFUSAL_TARGET_NANOS = 50_000_000;

	/**
	 * Copies the points.
	 */
	public OpenLoopReport {
		points = List.copyOf(points);
	}

	/**
	 * Returns the table followed by the targets of each point.
	 * @return the Markdown text
	 */
	public String markdown() {
		Markdown table = new Markdown("lrrrrrrrrrrr", "configuration", "closed-loop capacity", "offered", "requests",
				"refused (429)", "admitted succeeded", "admitted p50", "admitted p99", "goodput", "refusal p99", "503",
				"errors");
		StringBuilder targets = new StringBuilder();
		for (Point point : this.points) {
			OpenLoopSummary s = point.summary();
			double goodput = s.goodputPerSecond() / point.capacityPerSecond();
			table.row(point.configuration().title(), String.format(Locale.ROOT, "%.1f/s", point.capacityPerSecond()),
					String.format(Locale.ROOT, "%.1f/s (%s)", s.offeredPerSecond(), Markdown.times(point.multiple())),
					Long.toString(s.sent()), Long.toString(s.refused()), Markdown.percent(s.admittedSuccess()),
					Markdown.millis(s.successP50Nanos()), Markdown.millis(s.successP99Nanos()),
					String.format(Locale.ROOT, "%.1f/s (%s)", s.goodputPerSecond(), Markdown.percent(goodput)),
					(s.refused() > 0) ? Markdown.millis(s.refusalP99Nanos()) : "none", Long.toString(s.timedOut()),
					Long.toString(s.errors()));
			targets.append(String.format(Locale.ROOT,
					"- %s at %s capacity: admitted succeeded %s (target at least 95%%: %s); admitted p99 %s "
							+ "(target at most the %d s deadline: %s); goodput %s of capacity (target at least "
							+ "90%%: %s); %s%n",
					point.configuration().title(), Markdown.times(point.multiple()),
					Markdown.percent(s.admittedSuccess()), Markdown.met(s.admittedSuccess() >= 0.95),
					Markdown.millis(s.successP99Nanos()), this.deadline.toSeconds(),
					Markdown.met(s.successP99Nanos() <= this.deadline.toNanos()), Markdown.percent(goodput),
					Markdown.met(goodput >= 0.9), refusals(s)));
		}
		return table + "\n" + targets;
	}

	private static String refusals(OpenLoopSummary s) {
		if (s.refused() == 0) {
			return "no request refused";
		}
		return String.format(Locale.ROOT, "refusal p99 %s (target under 50 ms: %s)",
				Markdown.millis(s.refusalP99Nanos()), Markdown.met(s.refusalP99Nanos() < REFUSAL_TARGET_NANOS));
	}

	/**
	 * One open-loop point.
	 *
	 * @param configuration the service configuration
	 * @param capacityPerSecond the closed-loop throughput measured just before, at the
	 * reference client count
	 * @param multiple the offered rate as a multiple of that capacity
	 * @param summary what was measured
	 */
	public record Point(ServiceConfiguration configuration, double capacityPerSecond, double multiple,
			OpenLoopSummary summary) {

	}

}
