package dev.tango.admin.ui;

import java.time.Instant;

import dev.tango.models.serving.ServingReport;

/**
 * One API instance's serving of a cascade, as a line of the cascade's page: for example
 * "serves v2 — fell back from v4: Cascade c version 4 failed to load (…)".
 *
 * @param instance the instance that reported it
 * @param state its state as reported ({@code SERVING}, {@code FALLBACK}…)
 * @param summary what it serves and, if not the active version, why
 * @param updatedAt when it last reported
 * @param stale whether it has not reported for longer than the heartbeat allows
 */
public record ServingLine(String instance, String state, String summary, Instant updatedAt, boolean stale) {

	/**
	 * Describes a report.
	 * @param report the report
	 * @param now the present time, to tell stale reports
	 * @return the line
	 */
	public static ServingLine of(ServingReport report, Instant now) {
		return new ServingLine(report.instance(), report.state(), summary(report), report.updatedAt(),
				report.staleAt(now));
	}

	private static String summary(ServingReport report) {
		int active = report.activeVersion();
		Integer served = report.servedVersion();
		String reason = (report.message() != null) ? ": " + report.message() : "";
		if (served == null) {
			return switch (report.state()) {
				case "LOADING" -> "serves no version yet — v" + active + " is loading";
				case "STOPPED" -> "serves no version — stopping";
				default -> "serves no version — v" + active + " failed to load" + reason;
			};
		}
		if (report.servesActive()) {
			return "serves v" + served;
		}
		return "serves v" + served + " — " + switch (report.state()) {
			case "FALLBACK" -> "fell back from v" + active + reason;
			case "SWITCHING" -> "switching to v" + active;
			case "STOPPED" -> "stopping";
			default -> "v" + active + " failed to load" + reason;
		};
	}

}
