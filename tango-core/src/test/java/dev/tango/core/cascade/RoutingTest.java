package dev.tango.core.cascade;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Routing}: the escalation rule both engines apply.
 */
class RoutingTest {

	private static final double EPS = 1e-6;

	private final FakeTier softmax = FakeTier.hashed("softmax", List.of("a", "b"));

	private final FakeTier sigmoid = new FakeTier("sigmoid", List.of("x", "y"), Activation.SIGMOID,
			(input) -> new float[] { 0, 0 });

	@Test
	void answersAtOrAboveTheThresholdWithTheConfidenceAndLabel() {
		// softmax(ln 3, 0) = (0.75, 0.25)
		Routing routing = new Routing(stage(this.softmax, 0.75, 1), 1, false);

		Prediction prediction = routing.route(scores((float) Math.log(3), 0), true);

		assertThat(prediction).isNotNull();
		assertThat(prediction.labelIndex()).isZero();
		assertThat(prediction.label()).isEqualTo("a");
		assertThat(prediction.confidence()).isCloseTo(0.75, within(EPS));
		assertThat(prediction.tier()).isEqualTo(1);
		assertThat(prediction.probabilities()).containsExactly(new float[] { 0.75f, 0.25f }, within(1e-6f));
	}

	@Test
	void escalatesBelowTheThreshold() {
		Routing routing = new Routing(stage(this.softmax, 0.7501, 1), 0, false);

		assertThat(routing.route(scores((float) Math.log(3), 0), false)).isNull();
	}

	@Test
	void theLastStageAnswersWhateverItsConfidence() {
		Routing routing = new Routing(stage(this.softmax, 1.0, 1), 2, true);

		Prediction prediction = routing.route(scores(0, 0), false);

		assertThat(prediction).isNotNull();
		assertThat(prediction.confidence()).isCloseTo(0.5, within(EPS));
		assertThat(prediction.tier()).isEqualTo(2);
		assertThat(prediction.probabilities()).isNull();
	}

	@Test
	void theTemperatureDividesTheLogitsBeforeTheThreshold() {
		// At temperature 2, softmax(ln 9 / 2, 0) = softmax(ln 3, 0) = (0.75, 0.25).
		Routing cold = new Routing(stage(this.softmax, 0.8, 1), 0, false);
		Routing warm = new Routing(stage(this.softmax, 0.8, 2), 0, false);
		Scores scores = scores((float) Math.log(9), 0);

		assertThat(cold.route(scores, false)).isNotNull();
		assertThat(cold.route(scores, false).confidence()).isCloseTo(0.9, within(EPS));
		assertThat(warm.route(scores, false)).isNull();
	}

	@Test
	void theMeasureDecides() {
		// probabilities (0.75, 0.25): max probability 0.75, margin 0.5
		Stage margin = new Stage(this.softmax, 1, ConfidenceMeasure.MARGIN, 1, 0.6);

		assertThat(new Routing(margin, 0, false).route(scores((float) Math.log(3), 0), false)).isNull();
		assertThat(new Routing(margin, 0, true).route(scores((float) Math.log(3), 0), false).confidence())
			.isCloseTo(0.5, within(EPS));
	}

	@Test
	void aSigmoidTierIsAsSureAsItsLeastSureLabel() {
		// sigmoid(0) = 0.5 for "y": confidence 0.5, however sure "x" is
		Routing routing = new Routing(stage(this.sigmoid, 0.6, 1), 0, false);

		assertThat(routing.route(scores(10, 0), false)).isNull();
		assertThat(routing.route(scores(10, -10), false)).isNotNull();
	}

	@Test
	void truncationIsPassedOn() {
		Routing routing = new Routing(stage(this.softmax, 0, 1), 0, false);

		assertThat(routing.route(new Scores(new float[] { 1, 0 }, true), false)).extracting(Prediction::truncated)
			.isEqualTo(true);
	}

	@Test
	void ofNumbersTheStagesAndMakesOnlyTheLastAnswerEverything() {
		List<Routing> routings = Routing.of(List.of(stage(this.softmax, 1, 1), stage(this.softmax, 1, 1)));

		assertThat(routings.get(0).route(scores(0, 0), false)).isNull();
		assertThat(routings.get(1).route(scores(0, 0), false)).extracting(Prediction::tier).isEqualTo(1);
	}

	@Test
	void refusesNaNAndANegativeIndex() {
		Routing routing = new Routing(stage(this.softmax, 0.5, 1), 0, false);

		assertThatIllegalArgumentException().isThrownBy(() -> routing.route(scores(Float.NaN, 0), false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Routing(stage(this.softmax, 0.5, 1), -1, false));
	}

	private static Stage stage(FakeTier tier, double threshold, double temperature) {
		return new Stage(tier, 4, ConfidenceMeasure.MAX_PROBABILITY, temperature, threshold);
	}

	private static Scores scores(float... logits) {
		return new Scores(logits, false);
	}

}
