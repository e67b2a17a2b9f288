package dev.tango.core.drift;

import org.jspecify.annotations.Nullable;

/**
 * One watched yes/no stream of a cascade's answers with its reference rate and a
 * two-sided test: a {@link BernoulliCusum} for a rise and one for a fall of the odds. Not
 * thread-safe: its {@link DriftMonitor} serialises the calls.
 */
final class DriftStream {

	/**
	 * Rates are kept in {@code [MIN_RATE, 1 − MIN_RATE]}: a reference of exactly 0 or 1
	 * (an event calibration never or always saw) would make any single observation an
	 * alarm.
	 */
	static final double MIN_RATE = 0.001;

	/** After this many observations the live rate is an exponentially weighted mean. */
	private static final int LIVE_MEMORY = 1000;

	private final DriftStatus.Kind kind;

	private final int tier;

	private final @Nullable String label;

	private final double reference;

	private final BernoulliCusum rise;

	private final BernoulliCusum fall;

	private long observations;

	private double live;

	DriftStream(DriftStatus.Kind kind, int tier, @Nullable String label, double reference, DriftSettings settings,
			double threshold) {
		this.kind = kind;
		this.tier = tier;
		this.label = label;
		this.reference = reference;
		double p0 = Math.min(1 - MIN_RATE, Math.max(MIN_RATE, reference));
		this.rise = new BernoulliCusum(p0, settings.raised(p0), threshold);
		this.fall = new BernoulliCusum(p0, settings.lowered(p0), threshold);
	}

	void observe(boolean success) {
		this.observations++;
		this.live += ((success ? 1 : 0) - this.live) / Math.min(this.observations, LIVE_MEMORY);
		this.rise.observe(success);
		this.fall.observe(success);
	}

	DriftStatus status() {
		boolean risen = this.rise.statistic() >= this.fall.statistic();
		BernoulliCusum larger = risen ? this.rise : this.fall;
		return new DriftStatus(this.kind, this.tier, this.label, this.reference,
				(this.observations > 0) ? this.live : Double.NaN, this.observations, larger.statistic(),
				larger.threshold(), this.rise.alarm() || this.fall.alarm(),
				this.rise.alarm() ? DriftStatus.Direction.RISE
						: this.fall.alarm() ? DriftStatus.Direction.FALL : DriftStatus.Direction.NONE);
	}

}
