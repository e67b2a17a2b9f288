package dev.tango.runtime.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.runtime.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxClassifierTierIT {

	private static final int VOCABULARY = 30522;

	@TempDir
	Path dir;

	private TinyOnnxClassifier model;

	@BeforeEach
	void writeModel() throws IOException {
		this.model = new TinyOnnxClassifier(VOCABULARY, 4, 3, 11);
		this.model.write(this.dir.resolve("model.onnx"), "attention_mask", "logits");
		try (InputStream in = getClass().getResourceAsStream("/bge-small-en-v1.5-tokenizer.json")) {
			Files.copy(in, this.dir.resolve("tokenizer.json"));
		}
		writeConfig("""
				{"model_type": "bert", "max_position_embeddings": 64,
				 "id2label": {"0": "negative", "1": "neutral", "2": "positive"}}""");
	}

	@Test
	void computesTheModelsLogitsWithBatchPaddingAndTruncation() throws IOException {
		List<TextInput> inputs = List.of(TextInput.of("a fine day"), TextInput.of(""),
				TextInput.of("word ".repeat(100)), TextInput.pair("is it", "a question?"),
				TextInput.of("emoji 😀 and \u0000 control \uD83D lone"));
		try (OnnxClassifierTier tier = OnnxClassifierTier.open("tiny", this.dir, OrtOptions.defaults());
				TextTokenizer tokenizer = TextTokenizer.load(this.dir.resolve("tokenizer.json"), 64)) {
			assertThat(tier.labels()).containsExactly("negative", "neutral", "positive");
			assertThat(tier.activation()).isEqualTo(Activation.SOFTMAX);
			assertThat(tier.maxInputTokens()).isEqualTo(64);
			List<Scores> batch = tier.classify(inputs);
			assertThat(batch).hasSize(inputs.size());
			for (int i = 0; i < inputs.size(); i++) {
				float[] expected = this.model.expectedLogits(tokenizer.encode(inputs.get(i)).ids());
				float[] actual = batch.get(i).logits();
				for (int c = 0; c < 3; c++) {
					assertThat(actual[c]).as("input %d label %d", i, c).isCloseTo(expected[c], within(1e-4f));
				}
				assertThat(tier.classify(List.of(inputs.get(i))).get(0).logits()[0]).isCloseTo(actual[0],
						within(1e-4f));
			}
			assertThat(batch).extracting(Scores::truncated).containsExactly(false, false, true, false, false);
			assertThat(tier.length(inputs.get(2))).isEqualTo(64);
			assertThat(tier.length(inputs.get(1))).isEqualTo(2);
			assertThat(tier.classify(List.of())).isEmpty();
		}
	}

	@Test
	void theKindRefusesAModelWhoseDeclaredOutputWidthIsNotItsLabelCount() throws IOException {
		OnnxClassifierKind kind = new OnnxClassifierKind();
		ArtifactSource source = new DefaultArtifactSource(new ArtifactCache(this.dir.resolve("cache")),
				getClass().getClassLoader());

		kind.checkContents(spec(List.of("negative", "neutral", "positive")), source);
		assertThatThrownBy(() -> kind.checkContents(spec(List.of("negative", "positive")), source))
			.isInstanceOf(IOException.class)
			.hasMessage("The model's output logits gives 3 classes, but the tier has 2 labels [negative, positive]");
	}

	private TierSpec spec(List<String> labels) {
		return new TierSpec(OnnxClassifierKind.NAME, "tiny",
				Map.of("model", TierArtifact.of(this.dir.resolve("model.onnx").toString()), "tokenizer",
						TierArtifact.of(this.dir.resolve("tokenizer.json").toString())),
				Label.of(labels), Map.of(), OrtOptions.defaults(), null, StageSettings.answering(8), Duration.ZERO);
	}

	@Test
	void multiLabelConfigsGiveSigmoidAndTheCallerCanLimitTokens() throws IOException {
		writeConfig("""
				{"id2label": {"0": "a", "1": "b", "2": "c"}, "problem_type": "multi_label_classification"}""");
		try (OnnxClassifierTier tier = OnnxClassifierTier.open("tiny", OnnxModelFile.of(this.dir.resolve("model.onnx")),
				this.dir.resolve("tokenizer.json"), this.dir.resolve("config.json"), 8, 4, OrtOptions.defaults())) {
			assertThat(tier.activation()).isEqualTo(Activation.SIGMOID);
			assertThat(tier.maxInputTokens()).isEqualTo(8);
			assertThat(tier.preferredBatchSize()).isEqualTo(4);
			assertThat(tier.classify(List.of(TextInput.of("one two three four five six seven"))).get(0).truncated())
				.isTrue();
		}
	}

	@Test
	void isSafeToCallFromSeveralThreads() throws Exception {
		try (OnnxClassifierTier tier = OnnxClassifierTier.open("tiny", this.dir,
				OrtOptions.defaults().withConcurrency(2))) {
			List<TextInput> inputs = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				inputs.add(TextInput.of("sentence number " + i + " " + "x ".repeat(i % 7)));
			}
			List<Scores> expected = tier.classify(inputs);
			Concurrently.run(6, (offset) -> {
				for (int round = 0; round < 20; round++) {
					int i = (offset * 7 + round * 3) % inputs.size();
					float[] logits = tier.classify(List.of(inputs.get(i))).get(0).logits();
					assertThat(logits[2]).isCloseTo(expected.get(i).logits()[2], within(1e-4f));
				}
			});
		}
	}

	@Test
	void refusesModelsThatDoNotFit() throws IOException {
		this.model.write(this.dir.resolve("model.onnx"), "pixel_values", "logits");
		assertThatThrownBy(() -> OnnxClassifierTier.open("odd", this.dir, OrtOptions.defaults()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("declares input 'pixel_values'");
		this.model.write(this.dir.resolve("model.onnx"), "attention_mask", "scores");
		assertThatThrownBy(() -> OnnxClassifierTier.open("odd", this.dir, OrtOptions.defaults()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("no output 'logits'");
		this.model.write(this.dir.resolve("model.onnx"), "attention_mask", "logits");
		writeConfig("{\"id2label\": {\"0\": \"a\", \"1\": \"b\"}}");
		assertThatThrownBy(() -> OnnxClassifierTier.open("odd", this.dir, OrtOptions.defaults()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("expected [1, 2]");
		Files.writeString(this.dir.resolve("model.onnx"), "not a model");
		assertThatThrownBy(() -> OnnxClassifierTier.open("odd", this.dir, OrtOptions.defaults()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("Cannot load ONNX model odd");
	}

	@Test
	void closeIsIdempotentAndLaterCallsFailClearly() throws IOException {
		OnnxClassifierTier tier = OnnxClassifierTier.open("tiny", this.dir, OrtOptions.defaults());
		tier.close();
		tier.close();
		assertThatThrownBy(() -> tier.classify(List.of(TextInput.of("x")))).isInstanceOf(TierException.class)
			.hasMessageContaining("tiny is closed");
	}

	private void writeConfig(String json) throws IOException {
		Files.writeString(this.dir.resolve("config.json"), json);
	}

}
