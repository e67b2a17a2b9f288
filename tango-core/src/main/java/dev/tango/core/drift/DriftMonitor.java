package dev.tango.core.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches the answers of one cascade version against its calibration: for each tier but
 * the last, whether the answers that reach it go past it; for each tier and label,
 * whether the tier's answers are that label. Each stream has a rise and a fall
 * {@link BernoulliCusum}, all with the threshold {@code h = ln(m·W/α)} for the monitor's
 * {@code m} one-sided tests ({@link DriftSettings#threshold}), so that from a start under
 * the reference rates the probability that any of them alarms within {@code W} answers is
 * at most {@code α}.
 *
 * <p>
 * Streams whose reference is unknown are not watched: the escalation of a tier
 * calibration never reached, the labels of a tier that answered none of the calibration
 * set.
 *
 * <p>
 * Thread-safe: observations and snapshots are serialised.
 */
public final class DriftMonitor {

	private final DriftSettings settings;

	private final int tierCount;

	private final int labelCount;

	private final double threshold;

	private final DriftStream[] escalations;

	private final DriftStream[][] labelShares;

	private final List<DriftStream> streams = new ArrayList<>();

	private long answers;

	/**
	 * Creates a monitor with no observations.
	 * @param reference what calibration measured
	 * @param labels the cascade's label identifiers, in index order
	 * @param settings the false-alarm probability and the shift to detect
	 * @throws IllegalArgumentException if a tier's label shares do not match the labels
	 */
	public DriftMonitor(DriftReference reference, List<String> labels, DriftSettings settings) {
		this.settings = settings;
		this.tierCount = reference.tierCount();
		this.labelCount = labels.size();
		int tests = 0;
		for (int k = 0; k < this.tierCount; k++) {
			int shares = reference.labelShares().get(k).size();
			if (shares != 0 && shares != this.labelCount) {
				throw new IllegalArgumentException(
						"Tier " + k + " has " + shares + " label shares for " + this.labelCount + " labels");
			}
			tests += 2 * (((k < this.tierCount - 1) && reference.reach().get(k) > 0) ? 1 : 0) + 2 * shares;
		}
		this.threshold = settings.threshold(Math.max(tests, 1));
		this.escalations = new DriftStream[this.tierCount];
		this.labelShares = new DriftStream[this.tierCount][];
		for (int k = 0; k < this.tierCount; k++) {
			if (k < this.tierCount - 1 && reference.reach().get(k) > 0) {
				this.escalations[k] = add(new DriftStream(DriftStatus.Kind.ESCALATION, k, null, reference.escalation(k),
						settings, this.threshold));
			}
			List<Double> shares = reference.labelShares().get(k);
			this.labelShares[k] = new DriftStream[shares.size()];
			for (int label = 0; label < shares.size(); label++) {
				this.labelShares[k][label] = add(new DriftStream(DriftStatus.Kind.LABEL_SHARE, k, labels.get(label),
						shares.get(label), settings, this.threshold));
			}
		}
	}

	private DriftStream add(DriftStream stream) {
		this.streams.add(stream);
		return stream;
	}

	/**
	 * Adds one answer to every stream it belongs to.
	 * @param tier the index of the tier that answered
	 * @param labelIndex the index of the label it answered
	 * @throws IllegalArgumentException if either index is out of range
	 */
	public synchronized void observe(int tier, int labelIndex) {
		if (tier < 0 || tier >= this.tierCount || labelIndex < 0 || labelIndex >= this.labelCount) {
			throw new IllegalArgumentException("No tier " + tier + " or label " + labelIndex + " in a cascade of "
					+ this.tierCount + " tiers and " + this.labelCount + " labels");
		}
		this.answers++;
		for (int k = 0; k <= tier && k < this.tierCount - 1; k++) {
			if (this.escalations[k] != null) {
				this.escalations[k].observe(k < tier);
			}
		}
		DriftStream[] shares = this.labelShares[tier];
		for (int label = 0; label < shares.length; label++) {
			shares[label].observe(label == labelIndex);
		}
	}

	/**
	 * Returns where every watched stream stands: escalations first, then label shares,
	 * each by tier.
	 * @return a snapshot
	 */
	public synchronized List<DriftStatus> statuses() {
		List<DriftStatus> statuses = new ArrayList<>(this.streams.size());
		this.streams.forEach((stream) -> statuses.add(stream.status()));
		return statuses;
	}

	/**
	 * Returns whether any watched stream alarms.
	 * @return whether the monitor alarms
	 */
	public boolean alarm() {
		return statuses().stream().anyMatch(DriftStatus::alarm);
	}

	/**
	 * Returns how many answers the monitor has seen.
	 * @return the count
	 */
	public synchronized long answers() {
		return this.answers;
	}

	/**
	 * Returns the alarm threshold of every test.
	 * @return {@code h = ln(m·W/α)}, in nats
	 */
	public double threshold() {
		return this.threshold;
	}

	/**
	 * Returns the settings.
	 * @return the false-alarm probability and the shift to detect
	 */
	public DriftSettings settings() {
		return this.settings;
	}

}
