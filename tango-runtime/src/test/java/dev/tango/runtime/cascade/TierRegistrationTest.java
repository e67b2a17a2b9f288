package dev.tango.runtime.cascade;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.tango.core.tier.Label;
import dev.tango.runtime.head.Pooling;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TierRegistrationTest {

	private static final List<Label> LABELS = Label.of(List.of("negative", "positive"));

	private static final String ENCODER = "a".repeat(64);

	@Test
	void aRecordThatSaysWhatTheFilesSayIsAccepted() {
		TierRegistration described = registration(Map.of("model", new TierArtifact("m.onnx", ENCODER)), LABELS, 128,
				Pooling.MEAN);
		TierRegistration recorded = registration(
				Map.of("model", new TierArtifact("/store/m.onnx", ENCODER), "head", TierArtifact.of("/store/h.json")),
				List.of(new Label("negative", "Negative"), new Label("positive", "Positive")), 128, Pooling.MEAN);

		assertThatNoException().as("other URIs and display names, the same identifiers and checksums")
			.isThrownBy(() -> described.requireRecordedAs(recorded));
	}

	@Test
	void whatTheFilesDoNotSayIsNotCompared() {
		TierRegistration described = registration(
				Map.of("model", TierArtifact.of("m.onnx"), "delta", new TierArtifact("d.delta", ENCODER)), LABELS,
				TierRegistration.UNLIMITED_INPUT, null);
		TierRegistration recorded = registration(Map.of("model", new TierArtifact("m.onnx", "b".repeat(64))), LABELS,
				512, Pooling.CLS);

		assertThatNoException().as("no limit, no pooling, no checksum of the model, a role the record lacks")
			.isThrownBy(() -> described.requireRecordedAs(recorded));
	}

	@Test
	void eachDisagreementIsNamed() {
		TierRegistration described = registration(Map.of("model", new TierArtifact("m.onnx", ENCODER)), LABELS, 128,
				Pooling.MEAN);

		assertRefused(described, registration(Map.of(), Label.of(List.of("positive", "negative")), 128, Pooling.MEAN),
				"labels are [positive, negative], but the tier's files give [negative, positive]");
		assertRefused(described, registration(Map.of(), LABELS, 256, Pooling.MEAN),
				"maxInputLength is 256, but the tier's files give inputs of at most 128 tokens");
		assertRefused(described, registration(Map.of(), LABELS, 128, null),
				"pooling is null, but the tier's files give MEAN pooling");
		assertRefused(described,
				registration(Map.of("model", new TierArtifact("m.onnx", "c".repeat(64))), LABELS, 128, Pooling.MEAN),
				"the model artifact has sha256 " + "c".repeat(64) + ", but the tier's files name the model with sha256 "
						+ ENCODER);
	}

	private static void assertRefused(TierRegistration described, TierRegistration recorded, String message) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> described.requireRecordedAs(recorded))
			.withMessage(message);
	}

	private static TierRegistration registration(Map<String, TierArtifact> artifacts, List<Label> labels,
			int maxInputLength, @Nullable Pooling pooling) {
		return new TierRegistration("tier", artifacts, labels, maxInputLength, pooling, Map.of(),
				TierRegistration.DEFAULT_BATCH_SIZE, null);
	}

}
