package dev.tango.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tango.bench.report.Markdown;
import org.jspecify.annotations.Nullable;

/**
 * The load test's Markdown report: one row per configuration and client count, the
 * offline reference and the ratios the service's targets are stated in.
 *
 * @param points the measured points
 * @param offline the offline engine's figures, if measured
 * @param referenceClients the client count the throughput and tail ratios are taken at
 */
public record LoadReport(List<LoadPoint> points, @Nullable OfflineReference offline, int referenceClients) {

	/**
	 * Copies the points.
	 */
	public LoadReport {
		points = List.copyOf(points);
	}

	/**
	 * Returns the table of the measured points.
	 * @return the Markdown table
	 */
	public String table() {
		Markdown table = new Markdown("lrrrrrrrr", "configuration", "clients", "requests/s", "p50", "p99",
				"service CPU per request", "load generator CPU per request", "answered", "errors");
		for (LoadPoint point : this.points) {
			LatencySummary s = point.summary();
			table.row(point.configuration().title(), Integer.toString(point.clients()),
					String.format(Locale.ROOT, "%.1f", s.perSecond()), Markdown.millis(s.p50Nanos()),
					Markdown.millis(s.p99Nanos()), Markdown.millis(s.cpuNanosPerRequest()),
					Markdown.millis(s.clientCpuNanosPerRequest()), Long.toString(s.requests()),
					Long.toString(s.errors()));
		}
		return table.toString();
	}

	/**
	 * Returns the ratios, each with whether its target is met; those whose points were
	 * not measured are left out.
	 * @return Markdown bullet lines
	 */
	public String ratios() {
		StringBuilder text = new StringBuilder();
		int n = this.referenceClients;
		Optional<LatencySummary> a = find(ServiceConfiguration.BATCHING, n);
		Optional<LatencySummary> c = find(ServiceConfiguration.LAST_TIER, n);
		if (this.offline != null) {
			OfflineReference o = this.offline;
			text.append(String.format(Locale.ROOT,
					"- offline engine (in-process): cascade %.1f inputs/s, tier 1 alone %.1f/s, tier 2 alone %.1f/s, "
							+ "escalation %s; ideal cascade speedup c2/(c1+e·c2) = %s%n",
					o.cascadePerSecond(), o.firstPerSecond(), o.lastPerSecond(), Markdown.percent(o.escalation()),
					Markdown.times(o.idealSpeedup())));
			a.ifPresent((s) -> text.append(
					String.format(Locale.ROOT, "- (a) at %d clients / offline cascade: %s (target at least 90%%: %s)%n",
							n, Markdown.percent(s.perSecond() / o.cascadePerSecond()),
							Markdown.met(s.perSecond() / o.cascadePerSecond() >= 0.9))));
			a.ifPresent((s) -> text.append(String.format(Locale.ROOT,
					"- CPU time: offline cascade %s per input; (a) at %d clients %s per request, all of the "
							+ "service's work included (offline / served: %s)%n",
					Markdown.millis(o.cascadeCpuNanosPerInput()), n, Markdown.millis(s.cpuNanosPerRequest()),
					Markdown.percent(o.cascadeCpuNanosPerInput() / s.cpuNanosPerRequest()))));
			if (a.isPresent() && c.isPresent()) {
				double speedup = a.get().perSecond() / c.get().perSecond();
				text.append(String.format(Locale.ROOT,
						"- (a)/(c) at %d clients: %s against the bound %s, %s of it (target at least 90%%: %s)%n", n,
						Markdown.times(speedup), Markdown.times(o.idealSpeedup()),
						Markdown.percent(speedup / o.idealSpeedup()), Markdown.met(speedup / o.idealSpeedup() >= 0.9)));
			}
		}
		StringBuilder slower = new StringBuilder();
		int compared = 0;
		for (LoadPoint point : this.points) {
			if (point.configuration() != ServiceConfiguration.BATCHING) {
				continue;
			}
			Optional<LatencySummary> b = find(ServiceConfiguration.UNBATCHED, point.clients());
			if (b.isPresent()) {
				compared++;
				if (point.summary().perSecond() < b.get().perSecond()) {
					slower.append(slower.isEmpty() ? "" : ", ").append(point.clients());
				}
			}
		}
		if (compared > 0) {
			text.append(String.format(Locale.ROOT, "- (a) never slower than (b): %s%n", slower.isEmpty()
					? Markdown.met(true) : Markdown.met(false) + ", slower at " + slower + " clients"));
		}
		a.ifPresent((s) -> text
			.append(String.format(Locale.ROOT, "- (a) p99/p50 at %d clients: %s (target at most 3x: %s)%n", n,
					Markdown.times((double) s.p99Nanos() / Math.max(1, s.p50Nanos())),
					Markdown.met(s.p99Nanos() <= 3 * s.p50Nanos()))));
		return text.toString();
	}

	/**
	 * Returns the table followed by the ratios.
	 * @return the Markdown text
	 */
	public String markdown() {
		return table() + "\n" + ratios();
	}

	private Optional<LatencySummary> find(ServiceConfiguration configuration, int clients) {
		return this.points.stream()
			.filter((p) -> p.configuration() == configuration && p.clients() == clients)
			.map(LoadPoint::summary)
			.findFirst();
	}

}
