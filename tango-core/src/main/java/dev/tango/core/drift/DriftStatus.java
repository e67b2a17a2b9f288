package dev.tango.core.drift;

import org.jspecify.annotations.Nullable;

/**
 * Where one watched stream of a drift watch stands.
 *
 * @param kind what the stream watches
 * @param tier the tier's zero-based index
 * @param label for {@link Kind#LABEL_SHARE}, the label's identifier; else {@code null}
 * @param reference the rate calibration measured, in {@code [0, 1]}
 * @param live the live rate: the mean of the first 1,000 observations, then an
 * exponentially weighted mean over about the last 1,000; NaN before any
 * @param observations how many answers the stream has seen
 * @param statistic the larger of the two one-sided CUSUM statistics, in nats
 * @param threshold the alarm threshold {@code h = ln(m·W/α)}, in nats
 * @param alarm whether either test is at or above the threshold
 * @param direction which way the rate moved when it alarms; {@link Direction#NONE} when
 * it does not
 */
public record DriftStatus(Kind kind, int tier, @Nullable String label, double reference, double live, long observations,
		double statistic, double threshold, boolean alarm, Direction direction) {

	/** What a stream watches. */
	public enum Kind {

		/** Of the answers that reach a tier, whether they go past it. */
		ESCALATION,

		/** Of the answers a tier gives, whether they are a given label. */
		LABEL_SHARE

	}

	/** Which way an alarmed rate moved against its reference. */
	public enum Direction {

		/** No alarm. */
		NONE,

		/** The rate rose. */
		RISE,

		/** The rate fell. */
		FALL

	}

}
