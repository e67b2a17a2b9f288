package dev.tango.train.finetune;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.data.TierRunner;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.train.distil.Teacher;
import dev.tango.train.distil.TextAugmenter;
import dev.tango.train.distil.UnlabelledTexts;
import dev.tango.train.loop.ClassificationLoss;
import dev.tango.train.loop.ExampleEncoder;
import dev.tango.train.loop.TrainingExample;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.transformer.TrainableEncoder;
import dev.tango.train.loop.TrainingListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rows a distilled transformer student trains on, tokenised with MiniLM's real
 * tokenizer: the labelled rows with the teacher's probabilities and their labels, then
 * the unlabelled texts and the augmented variants of the rows trained on and of the
 * unlabelled texts with the teacher's probabilities alone.
 */
class FineTuneDataTest {

	private static final TrainableEncoder ENCODER = TrainableEncoder.ALL_MINILM_L6_V2;

	/**
	 * A teacher that gives every text the same probabilities, counting what it scores.
	 */
	private static final class FixedTeacher implements Teacher {

		private final List<TextInput> scored = new ArrayList<>();

		@Override
		public String id() {
			return "fixed";
		}

		@Override
		public List<String> labels() {
			return List.of("neg", "pos");
		}

		@Override
		public double[][] probabilities(List<TextInput> inputs, double temperature, TierRunner.Progress progress) {
			this.scored.addAll(inputs);
			double[][] rows = new double[inputs.size()][];
			for (int i = 0; i < rows.length; i++) {
				rows[i] = new double[] { 0.25, 0.75 };
			}
			return rows;
		}

	}

	@Test
	void unlabelledTextsFollowTheLabelledRowsWithTheTeachersProbabilitiesAlone() throws IOException {
		LabelledDataset train = rows();
		UnlabelledTexts unlabelled = new UnlabelledTexts("more.txt", "1".repeat(64),
				List.of(TextInput.of("so so"), TextInput.of("quite fine"), TextInput.of("dull")));
		FixedTeacher teacher = new FixedTeacher();
		TrainingSettings settings = TrainingSettings.defaults().withLoss(ClassificationLoss.distillation(2, 0.5));
		FineTuneRequest request = new FineTuneRequest("student", ENCODER, train, null, 0.2, settings, 0.1f, false, 2,
				null, teacher, null, null, 0)
			.withUnlabelled(unlabelled);

		try (TextTokenizer tokenizer = TextTokenizer.load(ENCODER.tokenizerFile(DefaultArtifactSource.create()),
				ENCODER.identity().maxTokens())) {
			FineTuneData data = FineTuneData.of(request, new ExampleEncoder(tokenizer), TrainingListener.NONE);

			List<TrainingExample> examples = data.training().train();
			int labelled = data.trainRows().size();
			assertThat(labelled).isEqualTo(16);
			assertThat(examples).hasSize(labelled + 3);
			assertThat(examples.subList(0, labelled)).allSatisfy((example) -> assertThat(example.labelled()).isTrue());
			assertThat(examples.subList(labelled, labelled + 3)).allSatisfy((example) -> {
				assertThat(example.label()).isEqualTo(TrainingExample.UNLABELLED);
				assertThat(example.teacher()).containsExactly(0.25f, 0.75f);
			});
			assertThat(examples.get(labelled + 1).ids()).isEqualTo(tokenizer.encode(TextInput.of("quite fine")).ids());
			assertThat(teacher.scored).hasSize(labelled + 3).endsWith(unlabelled.inputs().toArray(TextInput[]::new));
			assertThat(data.heldOutRows().size()).isEqualTo(4);
		}
	}

	@Test
	void augmentedVariantsOfTheRowsTrainedOnFollowWithTheTeachersProbabilitiesAlone() throws IOException {
		LabelledDataset train = rows();
		FixedTeacher teacher = new FixedTeacher();
		TrainingSettings settings = TrainingSettings.defaults().withLoss(ClassificationLoss.distillation(2, 0.5));
		FineTuneRequest request = new FineTuneRequest("student", ENCODER, train, null, 0.2, settings, 0.1f, false, 2,
				null, teacher, null, null, 2);

		FineTuneData data = data(request);

		int labelled = data.trainRows().size();
		List<TextInput> scored = teacher.scored;
		List<TextInput> variants = scored.subList(labelled, scored.size());
		// every row trained on has four words: two distinct variants each
		assertThat(data.augmentedRows()).isEqualTo(2 * labelled).isEqualTo(variants.size());
		assertThat(data.training().train()).hasSize(labelled + data.augmentedRows());
		assertThat(data.training().train().subList(labelled, labelled + data.augmentedRows())).allSatisfy((example) -> {
			assertThat(example.label()).isEqualTo(TrainingExample.UNLABELLED);
			assertThat(example.teacher()).containsExactly(0.25f, 0.75f);
		});
		// variants of the rows trained on, none of a held-out row: each keeps its
		// row's number
		List<String> trained = data.trainRows().inputs().stream().map((input) -> number(input.text())).toList();
		List<String> heldOut = data.heldOutRows().inputs().stream().map((input) -> number(input.text())).toList();
		assertThat(variants).allSatisfy((variant) -> assertThat(variant.text().split(" ")).hasSizeLessThan(5))
			.filteredOn((variant) -> variant.text().matches(".*\\d.*"))
			.isNotEmpty()
			.allSatisfy((variant) -> assertThat(trained).contains(number(variant.text())))
			.noneSatisfy((variant) -> assertThat(heldOut).contains(number(variant.text())));
		// the same seed makes the same variants, as a resumed run needs
		FixedTeacher again = new FixedTeacher();
		data(new FineTuneRequest("student", ENCODER, train, null, 0.2, settings, 0.1f, false, 2, null, again, null,
				null, 2));
		assertThat(again.scored).isEqualTo(scored);
	}

	@Test
	void variantsAreNumberedByTheirRowInTheTrainingSetThenTheUnlabelledTextsAsTheLexicalStudentsAre()
			throws IOException {
		LabelledDataset train = rows();
		UnlabelledTexts unlabelled = new UnlabelledTexts("more.txt", "1".repeat(64),
				List.of(TextInput.of("so very so"), TextInput.of("dull")));
		FixedTeacher teacher = new FixedTeacher();
		TrainingSettings settings = TrainingSettings.defaults().withLoss(ClassificationLoss.distillation(2, 0.5));
		FineTuneRequest request = new FineTuneRequest("student", ENCODER, train, null, 0.2, settings, 0.1f, false, 2,
				null, teacher, null, null, 1)
			.withUnlabelled(unlabelled);

		FineTuneData data = data(request);

		TextAugmenter augmenter = new TextAugmenter(1, settings.seed());
		List<TextInput> expected = new ArrayList<>();
		for (TextInput input : data.trainRows().inputs()) {
			// row i of rows() ends with i
			augmenter.variants(input.text(), Integer.parseInt(number(input.text())))
				.forEach((variant) -> expected.add(TextInput.of(variant)));
		}
		// the unlabelled texts are numbered after the 20 labelled rows; one word
		// makes no variant
		augmenter.variants("so very so", 20).forEach((variant) -> expected.add(TextInput.of(variant)));
		int before = data.trainRows().size() + unlabelled.inputs().size();
		assertThat(expected).hasSize(data.trainRows().size() + 1);
		assertThat(data.augmentedRows()).isEqualTo(expected.size());
		assertThat(teacher.scored.subList(before, teacher.scored.size())).isEqualTo(expected);
	}

	@Test
	void augmentationWithoutATeacherIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FineTuneRequest("student", ENCODER, rows(), null, 0.2, TrainingSettings.defaults(),
					0.1f, false, 2, null, null, null, null, 1))
			.withMessageContaining("need a teacher");
	}

	@Test
	void aNegativeAugmentationIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FineTuneRequest("student", ENCODER, rows(), null, 0.2, TrainingSettings.defaults(),
					0.1f, false, 2, null, new FixedTeacher(), null, null, -1))
			.withMessage("augment must be 0 or more, was -1");
	}

	/** Splits and tokenises a request's rows with MiniLM's tokenizer. */
	private static FineTuneData data(FineTuneRequest request) throws IOException {
		try (TextTokenizer tokenizer = TextTokenizer.load(ENCODER.tokenizerFile(DefaultArtifactSource.create()),
				ENCODER.identity().maxTokens())) {
			return FineTuneData.of(request, new ExampleEncoder(tokenizer), TrainingListener.NONE);
		}
	}

	private static LabelledDataset rows() {
		List<LabelledExample> rows = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			rows.add(new LabelledExample(TextInput.of(((i % 2 == 0) ? "a good film " : "a bad film ") + i),
					(i % 2 == 0) ? "pos" : "neg", i + 1));
		}
		return new LabelledDataset("rows", "0".repeat(64), rows, List.of("neg", "pos"));
	}

	private static String number(String text) {
		return text.replaceAll("\\D", "");
	}

	@Test
	void unlabelledTextsWithoutATeacherAreRefused() {
		LabelledDataset train = new LabelledDataset("rows", "0".repeat(64),
				List.of(new LabelledExample(TextInput.of("good"), "pos", 1),
						new LabelledExample(TextInput.of("bad"), "neg", 2)),
				List.of("neg", "pos"));
		FineTuneRequest request = FineTuneRequest.of("student", ENCODER, train, null, TrainingSettings.defaults());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> request.withUnlabelled(new UnlabelledTexts("more.txt", "1".repeat(64), List.of())))
			.withMessageContaining("need a teacher");
	}

}
