package dev.tango.bench.calibrate;

import java.util.ArrayList;
import java.util.List;

import dev.tango.runtime.testsupport.KeywordTier;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.data.TierRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class LabelledRunsTest {

	static LabelledDataset data() {
		List<LabelledExample> rows = new ArrayList<>();
		String[] texts = { "good film", "great film", "bad film", "good and great", "awful", "great", "good", "dull" };
		String[] labels = { "pos", "pos", "neg", "pos", "neg", "pos", "pos", "other" };
		for (int i = 0; i < texts.length; i++) {
			rows.add(new LabelledExample(TextInput.of(texts[i]), labels[i], i + 2));
		}
		return new LabelledDataset("reviews.tsv", "1".repeat(64), rows, List.of("neg", "other", "pos"));
	}

	static List<Stage> stages() {
		return List.of(
				new Stage(new KeywordTier("cheap", "good", 1, false), 3, ConfidenceMeasure.MAX_PROBABILITY, 1, 0.7),
				new Stage(new KeywordTier("costly", "great", 6, false), 2, ConfidenceMeasure.MAX_PROBABILITY, 1, 0));
	}

	@Test
	void predictionsConfidencesAndTruthAreThoseOfEachTier() {
		LabelledRuns runs = LabelledRuns.measure(stages(), data());
		assertThat(runs.labels()).containsExactly("neg", "pos");
		assertThat(runs.unknownLabels()).isEqualTo(1);
		// cheap: right on good film, bad film, good and great, awful, good, wrong on
		// great film, great, dull.
		assertThat(runs.predictions().accuracy(0)).isCloseTo(5 / 8.0, within(1e-12));
		// costly: right on great film, bad film, good and great, awful, great; wrong on
		// good film, good, dull.
		assertThat(runs.predictions().accuracy(1)).isCloseTo(5 / 8.0, within(1e-12));
		assertThat(runs.predictions().tier(0).confidence(0)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-6));
		assertThat(runs.predictions().truth(7)).isEqualTo(2);
		assertThat(runs.runs()).extracting(TierRunner.TierRun::batches).containsExactly(3, 4);
		assertThat(runs.costs().tierCount()).isEqualTo(2);
	}

	@Test
	void dataWithNoneOfTheCascadesLabelsOrNoRowIsRefusedBeforeAnyTierRuns() {
		LabelledDataset otherLabels = new LabelledDataset("bank.tsv", "2".repeat(64),
				List.of(new LabelledExample(TextInput.of("card"), "card", 2),
						new LabelledExample(TextInput.of("refund"), "refund", 3)),
				List.of("card", "refund"));
		assertThatIllegalArgumentException().isThrownBy(() -> LabelledRuns.measure(stages(), otherLabels))
			.withMessage("No row's label is one of the cascade's labels [neg, pos]: the data's labels are "
					+ "[card, refund] (label ids, not display names, are compared)");
		LabelledDataset empty = new LabelledDataset("empty.tsv", "3".repeat(64), List.of(), List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> LabelledRuns.measure(stages(), empty))
			.withMessage("empty.tsv has no rows");
	}

	@Test
	void unknownLabelsMapPastTheCascadesLabels() {
		assertThat(LabelledRuns.truth(data(), List.of("neg", "pos"))).containsExactly(1, 1, 0, 1, 0, 1, 1, 2);
	}

}
