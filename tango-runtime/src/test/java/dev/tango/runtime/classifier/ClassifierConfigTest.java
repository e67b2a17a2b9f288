package dev.tango.runtime.classifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.tango.core.tier.Activation;
import dev.tango.runtime.json.JsonFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassifierConfigTest {

	@Test
	void readsLabelsInIndexOrder() throws IOException {
		ClassifierConfig config = read("""
				{"model_type": "bert", "id2label": {"1": "POSITIVE", "0": "NEGATIVE", "2": "NEUTRAL"},
				 "label2id": {"NEGATIVE": 0}, "max_position_embeddings": 512}""");
		assertThat(config.labels()).containsExactly("NEGATIVE", "POSITIVE", "NEUTRAL");
		assertThat(config.activation()).isEqualTo(Activation.SOFTMAX);
		assertThat(config.maxPositions()).isEqualTo(512);
	}

	@Test
	void multiLabelProblemsUseSigmoid() throws IOException {
		ClassifierConfig config = read("""
				{"id2label": {"0": "a", "1": "b"}, "problem_type": "multi_label_classification"}""");
		assertThat(config.activation()).isEqualTo(Activation.SIGMOID);
		assertThat(config.maxPositions()).isNull();
		assertThat(read("""
				{"id2label": {"0": "a", "1": "b"}, "problem_type": "single_label_classification"}""").activation())
			.isEqualTo(Activation.SOFTMAX);
	}

	@Test
	void robertaModelsReserveTwoPositions() throws IOException {
		assertThat(read("""
				{"model_type": "roberta", "id2label": {"0": "a"}, "max_position_embeddings": 514}""").maxPositions())
			.isEqualTo(512);
	}

	@Test
	void refusesMissingOrGappedLabelsAndRegression() {
		assertThatThrownBy(() -> read("{\"labels\": []}")).isInstanceOf(JsonFormatException.class)
			.hasMessageContaining("$.id2label: required");
		assertThatThrownBy(() -> read("{\"id2label\": {\"0\": \"a\", \"2\": \"b\"}}"))
			.hasMessageContaining("keys must be exactly 0 … 1");
		assertThatThrownBy(() -> read("{\"id2label\": {\"x\": \"a\"}}")).hasMessageContaining("label indices");
		assertThatThrownBy(() -> read("{\"id2label\": {\"0\": \"a\", \"1\": \"a\"}}"))
			.hasMessageContaining("not distinct");
		assertThatThrownBy(() -> read("{\"id2label\": {\"0\": \"a\"}, \"problem_type\": \"regression\"}"))
			.hasMessageContaining("not a classification problem type");
		assertThatThrownBy(() -> read("not json")).isInstanceOf(JsonFormatException.class).hasMessageContaining("mem");
	}

	private static ClassifierConfig read(String json) throws IOException {
		return ClassifierConfig.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mem");
	}

}
