package dev.tango.models.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What one API instance (or, {@link #plus added up}, all of them) measured for one
 * cascade version during a release plan.
 *
 * @param instance the instance's identity ({@code *} for a sum over instances)
 * @param planId the plan
 * @param version the cascade version
 * @param role the part the version plays in the plan
 * @param requests the requests it handled (for a shadow candidate: the copies it ran)
 * @param inputs their inputs
 * @param errors the requests that failed
 * @param dropped the copies a shadow candidate never ran because its queue was full or
 * its batcher refused them
 * @param compared the inputs whose answer was compared with the active version's
 * @param agreed how many of those got the same label from both versions
 * @param tiers per tier of the version, in cascade order
 * @param computeNanos the time of the tier calls that held its inputs, in nanoseconds
 * @param updatedAt when it was last written
 */
public record ReleaseReport(String instance, long planId, int version, ReleaseRole role, long requests, long inputs,
		long errors, long dropped, long compared, long agreed, List<TierCounts> tiers, long computeNanos,
		Instant updatedAt) {

	public ReleaseReport {
		Objects.requireNonNull(instance, "instance");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(updatedAt, "updatedAt");
		tiers = List.copyOf(tiers);
	}

	/**
	 * Returns the fraction of requests that failed.
	 * @return the rate in {@code [0, 1]}, 0 without requests
	 */
	public double errorRate() {
		return (this.requests > 0) ? (double) this.errors / this.requests : 0;
	}

	/**
	 * Returns the fraction of compared inputs both versions gave the same label.
	 * @return the agreement in {@code [0, 1]}, or {@code NaN} if none was compared
	 */
	public double agreement() {
		return (this.compared > 0) ? (double) this.agreed / this.compared : Double.NaN;
	}

	/**
	 * Returns the fraction of inputs escalated past each tier but the last.
	 * @return by tier, in {@code [0, 1]}
	 */
	public List<Double> escalation() {
		List<Double> rates = new ArrayList<>();
		for (int i = 0; i + 1 < this.tiers.size(); i++) {
			TierCounts tier = this.tiers.get(i);
			rates.add((this.inputs > 0) ? (double) (tier.inputs() - tier.answered()) / this.inputs : 0);
		}
		return rates;
	}

	/**
	 * Returns why these counts, as a candidate's, leave a plan's bounds; the inputs
	 * escalated are those that reached the second tier.
	 * @param bounds the plan's bounds
	 * @return the reason, fit for the audit, or {@code null} while within bounds or too
	 * few requests were seen
	 */
	public @Nullable String breach(ReleaseBounds bounds) {
		long escalated = (this.tiers.size() > 1) ? this.tiers.get(1).inputs() : 0;
		return bounds.breach(this.requests, this.errors, this.inputs, escalated);
	}

	/**
	 * Returns the tier-call time per input.
	 * @return milliseconds per input, 0 without inputs
	 */
	public double costMillisPerInput() {
		return (this.inputs > 0) ? this.computeNanos / 1e6 / this.inputs : 0;
	}

	/**
	 * Adds another instance's report on the same plan and version.
	 * @param other the other report
	 * @return the sum, instance {@code *}, updated at the later time
	 */
	public ReleaseReport plus(ReleaseReport other) {
		int n = Math.max(this.tiers.size(), other.tiers.size());
		List<TierCounts> sum = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			sum.add(tier(this.tiers, i).plus(tier(other.tiers, i)));
		}
		return new ReleaseReport("*", this.planId, this.version, this.role, this.requests + other.requests,
				this.inputs + other.inputs, this.errors + other.errors, this.dropped + other.dropped,
				this.compared + other.compared, this.agreed + other.agreed, sum, this.computeNanos + other.computeNanos,
				this.updatedAt.isAfter(other.updatedAt) ? this.updatedAt : other.updatedAt);
	}

	private static TierCounts tier(List<TierCounts> tiers, int index) {
		return (index < tiers.size()) ? tiers.get(index) : new TierCounts(0, 0, 0);
	}

	/**
	 * What one tier did.
	 *
	 * @param inputs the inputs it classified
	 * @param answered how many of them it answered (did not escalate)
	 * @param agreed how many of those it answered with the active version's label
	 */
	public record TierCounts(long inputs, long answered, long agreed) {

		/**
		 * Returns the fraction of the inputs it answered that agree with the active
		 * version.
		 * @return the agreement, or {@code NaN} if it answered none that were compared
		 */
		public double agreement() {
			return (this.answered > 0) ? (double) this.agreed / this.answered : Double.NaN;
		}

		TierCounts plus(TierCounts other) {
			return new TierCounts(this.inputs + other.inputs, this.answered + other.answered,
					this.agreed + other.agreed);
		}

	}

}
