package dev.tango.models.drift;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tango.core.drift.DriftReference;
import dev.tango.models.registry.CalibrationResult;

import static org.assertj.core.api.Assertions.assertThat;

class DriftParametersTest {

	private static final DriftReference REFERENCE = new DriftReference(List.of(1.0, 0.512615),
			List.of(List.of(0.383529, 0.616471), List.of(0.527964, 0.472036)));

	@Test
	void writesReachAndLabelSharesAsCalibrationParametersAndReadsThemBack() {
		Map<String, String> parameters = DriftParameters.encode(REFERENCE);

		assertThat(parameters).containsExactly(Map.entry("drift.escalation", "1.000000,0.512615"),
				Map.entry("drift.tier0.labelShares", "0.383529,0.616471"),
				Map.entry("drift.tier1.labelShares", "0.527964,0.472036"));
		assertThat(DriftParameters.decode(parameters, 2, 2)).contains(REFERENCE);
	}

	@Test
	void aTierThatAnsweredNothingHasNoSharesAndSharesOfAnotherLabelSetAreDropped() {
		Map<String, String> parameters = new HashMap<>(
				DriftParameters.encode(new DriftReference(List.of(1.0, 0.0), List.of(List.of(0.5, 0.5), List.of()))));
		assertThat(parameters).doesNotContainKey("drift.tier1.labelShares");
		assertThat(DriftParameters.decode(parameters, 2, 2).orElseThrow().labelShares())
			.containsExactly(List.of(0.5, 0.5), List.of());
		assertThat(DriftParameters.decode(parameters, 2, 3).orElseThrow().labelShares()).containsExactly(List.of(),
				List.of());
	}

	@Test
	void parametersThatDoNotFitTheVersionOrDoNotParseGiveNoReference() {
		assertThat(DriftParameters.decode(Map.of(), 2, 2)).isEmpty();
		assertThat(DriftParameters.decode(DriftParameters.encode(REFERENCE), 3, 2)).isEmpty();
		assertThat(DriftParameters.decode(Map.of("drift.escalation", "1,zero"), 2, 2)).isEmpty();
		assertThat(DriftParameters.decode(Map.of("drift.escalation", "1,1.5"), 2, 2)).isEmpty();
	}

	@Test
	void theNewestCalibrationThatRecordsAReferenceWins() {
		Instant t = Instant.parse("2026-12-01T00:00:00Z");
		CalibrationResult older = calibration(1, t, DriftParameters.encode(REFERENCE));
		DriftReference other = new DriftReference(List.of(1.0, 0.3), List.of(List.of(0.5, 0.5), List.of(0.5, 0.5)));
		CalibrationResult newer = calibration(2, t.plusSeconds(60), DriftParameters.encode(other));
		CalibrationResult newestWithout = calibration(3, t.plusSeconds(120), Map.of("policy", "x"));

		assertThat(DriftParameters.newest(List.of(older, newer, newestWithout), 2, 2)).contains(other);
		assertThat(DriftParameters.newest(List.of(newestWithout), 2, 2)).isEmpty();
	}

	private static CalibrationResult calibration(long id, Instant at, Map<String, String> parameters) {
		return new CalibrationResult(id, "c", 1, "data", "0".repeat(64), "accuracy-budget", parameters, Map.of(0, 0.9),
				List.of(), at, "test");
	}

}
