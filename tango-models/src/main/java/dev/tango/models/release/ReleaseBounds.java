package dev.tango.models.release;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.InvalidRegistryRequestException;

/**
 * When an API instance aborts a release plan on its own: once the candidate has handled
 * at least {@code minRequests} requests there, if the fraction of them that failed
 * exceeds {@code maxErrorRate}, or the fraction of its inputs escalated past its first
 * tier exceeds {@code maxEscalationRate}.
 *
 * @param maxErrorRate the largest fraction of failed requests, in {@code [0, 1]}
 * @param maxEscalationRate the largest fraction of inputs escalated past the first tier,
 * in {@code [0, 1]} ({@code 1}: no bound)
 * @param minRequests how many requests an instance sees before it judges, at least 1
 */
public record ReleaseBounds(double maxErrorRate, double maxEscalationRate, int minRequests) {

	/**
	 * The bounds of a plan that names none: 5% errors, escalation unbounded, 50 requests.
	 */
	public static final ReleaseBounds DEFAULT = new ReleaseBounds(0.05, 1.0, 50);

	/**
	 * Creates bounds.
	 * @throws InvalidRegistryRequestException if a value is out of its range
	 */
	public ReleaseBounds {
		if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
			throw new InvalidRegistryRequestException(
					"maxErrorRate is " + maxErrorRate + "; give a fraction in [0, 1]");
		}
		if (!(maxEscalationRate >= 0 && maxEscalationRate <= 1)) {
			throw new InvalidRegistryRequestException(
					"maxEscalationRate is " + maxEscalationRate + "; give a fraction in [0, 1]");
		}
		if (minRequests < 1) {
			throw new InvalidRegistryRequestException("minRequests is " + minRequests + "; give at least 1");
		}
	}

	/**
	 * Returns why a candidate's counts leave these bounds.
	 * @param requests the requests it handled
	 * @param errors how many of them failed
	 * @param inputs the inputs it classified
	 * @param escalated how many of them went past its first tier
	 * @return the reason, fit for the audit, or {@code null} while within bounds or too
	 * few requests were seen
	 */
	public @Nullable String breach(long requests, long errors, long inputs, long escalated) {
		if (requests < this.minRequests) {
			return null;
		}
		double errorRate = (double) errors / requests;
		if (errorRate > this.maxErrorRate) {
			return String.format(Locale.ROOT, "error rate %.3f exceeds the bound %.3f after %d requests", errorRate,
					this.maxErrorRate, requests);
		}
		double escalation = (inputs > 0) ? (double) escalated / inputs : 0;
		if (escalation > this.maxEscalationRate) {
			return String.format(Locale.ROOT,
					"escalation rate %.3f past the first tier exceeds the bound %.3f after %d inputs", escalation,
					this.maxEscalationRate, inputs);
		}
		return null;
	}

}
