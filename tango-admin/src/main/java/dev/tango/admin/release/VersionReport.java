package dev.tango.admin.release;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseRole;

/**
 * What the API instances together measured for one version during a release plan, beside
 * what its calibration promised.
 *
 * @param version the cascade version
 * @param role its part in the plan
 * @param instances how many instances reported it
 * @param requests the requests it handled (shadow candidate: the copies it ran)
 * @param inputs their inputs
 * @param errors the requests that failed
 * @param errorRate errors per request, in {@code [0, 1]}
 * @param dropped the shadow copies never run
 * @param agreement the fraction of compared inputs with the active version's label, or
 * {@code null} if none was compared
 * @param tierAgreement the same per answering tier, {@code null} where a tier answered
 * none
 * @param escalation the fraction of inputs escalated past each tier but the last
 * @param calibratedEscalation the same as its latest calibration measured it, by gate, or
 * {@code null} where it was not calibrated
 * @param costMillisPerInput tier-call time per input, in milliseconds
 */
public record VersionReport(int version, ReleaseRole role, int instances, long requests, long inputs, long errors,
		double errorRate, long dropped, @Nullable Double agreement, List<@Nullable Double> tierAgreement,
		List<Double> escalation, List<@Nullable Double> calibratedEscalation, double costMillisPerInput) {

	static VersionReport of(ReleaseReport total, int instances, List<@Nullable Double> calibratedEscalation) {
		List<@Nullable Double> tierAgreement = total.tiers()
			.stream()
			.map((tier) -> (total.compared() > 0) ? orNull(tier.agreement()) : null)
			.toList();
		return new VersionReport(total.version(), total.role(), instances, total.requests(), total.inputs(),
				total.errors(), total.errorRate(), total.dropped(), orNull(total.agreement()), tierAgreement,
				total.escalation(), calibratedEscalation, total.costMillisPerInput());
	}

	private static @Nullable Double orNull(double value) {
		return Double.isNaN(value) ? null : value;
	}

}
