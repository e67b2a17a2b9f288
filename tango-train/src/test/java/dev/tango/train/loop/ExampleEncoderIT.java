package dev.tango.train.loop;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.text.TextTokenizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Encodes real SST-2 rows and text pairs with the bundled BERT-uncased tokenizer.
 */
class ExampleEncoderIT {

	@Test
	void labelledRowsBecomeTruncatedExamplesWithClassIndices() throws IOException {
		try (TextTokenizer tokenizer = Sst2Slice.tokenizer()) {
			ExampleEncoder encoder = new ExampleEncoder(tokenizer);
			LabelledDataset rows = LabelledDataset.read(Sst2Slice.data("train.tsv")).slice(0, 500);
			List<TrainingExample> examples = encoder.labelled(rows, List.of("0", "1"));
			assertThat(examples).hasSize(500);
			assertThat(examples).extracting(TrainingExample::length).allMatch((n) -> n >= 3 && n <= 64);
			assertThat(examples).extracting(TrainingExample::label)
				.containsExactlyElementsOf(
						rows.examples().stream().map((row) -> Integer.parseInt(row.label())).toList());
			assertThat(examples.get(0).ids()[0]).as("[CLS]").isEqualTo(101);
			assertThat(encoder.padId()).isZero();
			assertThatThrownBy(() -> encoder.labelled(rows, List.of("0", "2"))).hasMessageContaining("label '1'");
		}
	}

	@Test
	void pairsAreTruncatedLongestFirstAndTypedAndTeacherTargetsAreKept() throws IOException {
		try (TextTokenizer tokenizer = Sst2Slice.tokenizer()) {
			ExampleEncoder encoder = new ExampleEncoder(tokenizer);
			String premise = "a man is playing a guitar on a stage in front of a large crowd . ".repeat(10);
			List<TrainingExample> examples = encoder.distilled(
					List.of(new TextInput(premise, "a person plays music ."), TextInput.of("fine .")),
					List.of(new float[] { 0.25f, 0.75f }, new float[] { 0.5f, 0.5f }), null);
			TrainingExample pair = examples.get(0);
			assertThat(pair.length()).isEqualTo(64);
			assertThat(pair.label()).isEqualTo(TrainingExample.UNLABELLED);
			assertThat(pair.teacher()).containsExactly(0.25f, 0.75f);
			long secondSegment = Arrays.stream(pair.typeIds()).filter((t) -> t == 1).count();
			assertThat(secondSegment).as("the five tokens of the second text and its [SEP]").isEqualTo(6);
			assertThat(examples.get(1).typeIds()).containsOnly(0L);
		}
	}

}
