package dev.tango.admin.calibration;

import dev.tango.core.calibration.TemperatureScaling;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;

/**
 * Checks the gates that a job copies from a cascade version into a new one against the
 * registry's range of temperatures, {@value TemperatureScaling#MIN_TEMPERATURE} to
 * {@value TemperatureScaling#MAX_TEMPERATURE}. Versions made by hand before the registry
 * bounded temperatures may hold one outside it; a job that copies such a gate would be
 * refused only when it registers the new version, at its very end, so it is refused
 * before it is queued (and again before it starts its work) instead.
 */
public final class CopiedGates {

	private CopiedGates() {
	}

	/**
	 * Checks that every gate of a version has a temperature the registry takes.
	 * @param version the version whose gates a job copies
	 * @param remedy what to do about a gate out of range, for people
	 * @throws IllegalArgumentException naming the first gate out of range, its
	 * temperature and the remedy
	 */
	public static void requireRegistrable(CascadeVersion version, String remedy) {
		for (CascadeTier tier : version.tiers()) {
			Gate gate = tier.gate();
			if (gate != null && !TemperatureScaling.inRange(gate.temperature())) {
				throw new IllegalArgumentException("The gate after tier " + tier.index() + " (" + tier.model().key()
						+ ") of cascade '" + version.cascade() + "' version " + version.version() + " has temperature "
						+ gate.temperature() + ", outside " + TemperatureScaling.MIN_TEMPERATURE + " to "
						+ TemperatureScaling.MAX_TEMPERATURE + ", the range the registry takes (the version was made "
						+ "before it did): the new version this job would register with that gate would be refused "
						+ "when the job is done. " + remedy);
			}
		}
	}

	/**
	 * Says what to do about a gate out of range to a calibration that keeps the gates'
	 * temperatures.
	 * @param version the version to calibrate
	 * @return the remedy
	 */
	static String calibrationRemedy(CascadeVersion version) {
		return "Calibrate with \"temperatureScaling\": true, which fits each gate's temperature anew within that "
				+ "range, or create a version whose gates' temperatures lie in it (POST /api/cascades/"
				+ version.cascade() + "/versions) and calibrate that one";
	}

}
