package dev.tango.api.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.StageStats;
import dev.tango.core.cascade.Prediction;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseRole;

/**
 * What this instance measured for one cascade version during one release plan. Counts
 * only grow. A request is counted last, after its inputs, answers and comparisons, and a
 * report reads it first, so that a report counts all of every request it counts.
 * Thread-safe.
 */
final class VersionStats {

	final int version;

	final ReleaseRole role;

	private final LongAdder requests = new LongAdder();

	private final LongAdder inputs = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder compared = new LongAdder();

	private final LongAdder agreed = new LongAdder();

	private final LongAdder computeNanos = new LongAdder();

	private final AtomicLongArray tierInputs;

	private final AtomicLongArray tierAnswered;

	private final AtomicLongArray tierAgreed;

	VersionStats(int version, ReleaseRole role, int tiers) {
		this.version = version;
		this.role = role;
		this.tierInputs = new AtomicLongArray(tiers);
		this.tierAnswered = new AtomicLongArray(tiers);
		this.tierAgreed = new AtomicLongArray(tiers);
	}

	/**
	 * Counts a request the version answered.
	 * @param result its answers
	 * @param reference the active version's answers to compare with, or {@code null}
	 */
	void answered(BatchingResult result, @Nullable List<Prediction> reference) {
		this.inputs.add(result.predictions().size());
		List<StageStats> stages = result.stages();
		for (int i = 0; i < stages.size() && i < this.tierInputs.length(); i++) {
			this.tierInputs.addAndGet(i, stages.get(i).inputs());
			this.tierAnswered.addAndGet(i, stages.get(i).answered());
			this.computeNanos.add(stages.get(i).computeNanos());
		}
		if (reference != null) {
			for (int i = 0; i < reference.size() && i < result.predictions().size(); i++) {
				Prediction prediction = result.predictions().get(i);
				this.compared.increment();
				if (prediction.labelIndex() == reference.get(i).labelIndex()) {
					this.agreed.increment();
					if (prediction.tier() < this.tierAgreed.length()) {
						this.tierAgreed.incrementAndGet(prediction.tier());
					}
				}
			}
		}
		this.requests.increment();
	}

	/**
	 * Counts a request that failed on the version.
	 * @param inputs its inputs
	 */
	void failed(int inputs) {
		this.inputs.add(inputs);
		this.errors.increment();
		this.requests.increment();
	}

	/** Counts a shadow copy the version never ran. */
	void dropped() {
		this.dropped.increment();
	}

	/**
	 * Returns the number of tiers of the version.
	 * @return the tiers
	 */
	int tiers() {
		return this.tierInputs.length();
	}

	/**
	 * Returns how many answers were compared with the active version's.
	 * @return the inputs compared
	 */
	long compared() {
		return this.compared.sum();
	}

	/**
	 * Returns the fraction of the compared answers that agree with the active version.
	 * @return the agreement in {@code [0, 1]}, or {@code NaN} if none was compared
	 */
	double agreement() {
		long total = this.compared.sum();
		return (total > 0) ? (double) this.agreed.sum() / total : Double.NaN;
	}

	/**
	 * Returns the fraction of the answers of one tier that agree with the active version,
	 * where every answer is compared (a shadow candidate's).
	 * @param tier the tier's index
	 * @return the agreement in {@code [0, 1]}, or {@code NaN} if the tier answered none
	 */
	double agreement(int tier) {
		return tierCounts(tier).agreement();
	}

	private ReleaseReport.TierCounts tierCounts(int tier) {
		return new ReleaseReport.TierCounts(this.tierInputs.get(tier), this.tierAnswered.get(tier),
				this.tierAgreed.get(tier));
	}

	/**
	 * Returns why the counts leave a plan's bounds.
	 * @param bounds the bounds
	 * @return the reason, or {@code null} while within them
	 */
	@Nullable String breach(ReleaseBounds bounds) {
		return report("", 0, Instant.EPOCH).breach(bounds);
	}

	ReleaseReport report(String instance, long planId, Instant at) {
		long requests = this.requests.sum();
		List<ReleaseReport.TierCounts> tiers = new ArrayList<>(this.tierInputs.length());
		for (int i = 0; i < this.tierInputs.length(); i++) {
			tiers.add(tierCounts(i));
		}
		return new ReleaseReport(instance, planId, this.version, this.role, requests, this.inputs.sum(),
				this.errors.sum(), this.dropped.sum(), this.compared.sum(), this.agreed.sum(), tiers,
				this.computeNanos.sum(), at);
	}

}
