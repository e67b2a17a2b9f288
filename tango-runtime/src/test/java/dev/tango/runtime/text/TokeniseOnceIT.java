package dev.tango.runtime.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tango.core.batching.BatchingCascade;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.BatchingSettings;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.classifier.TinyOnnxClassifierAccess;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderArtifacts;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.testsupport.Sst2MiniLm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tokenise once, through a real three-tier cascade in both engines: the bundled int8
 * MiniLM and bge-small encoders with the bundled SST-2 heads (their
 * {@code tokenizer.json} files differ only in truncation and padding, so they are one
 * tokenizer family), then an ONNX classifier whose tokenizer does not lower-case (another
 * family). Every input reaches every tier (thresholds 1). Each tokenizer counts the
 * inputs it encodes.
 */
class TokeniseOnceIT {

	private static final String SST2 = "/tango/cascades/sst2-frozen/";

	/** More than MiniLM's 256 tokens and fewer than bge-small's 512. */
	private static final TextInput LONG = TextInput.of("word ".repeat(300));

	private static final List<TextInput> INPUTS = List.of(TextInput.of("a wonderful , moving film ."),
			TextInput.of("a dull , boring and painfully bad movie ."),
			TextInput.of("one of the best films of the year ."), TextInput.of(""),
			TextInput.of("the worst movie i have ever seen , and i have seen many bad movies ."),
			TextInput.of("it 's not bad , it 's not good either ."), LONG,
			TextInput.of("a film that takes its time, and earns every minute of it."));

	@TempDir
	static Path dir;

	private static EncoderLinearTier minilm;

	private static EncoderLinearTier bge;

	private static OnnxClassifierTier cased;

	private static List<Stage> stages;

	@BeforeAll
	static void openTiers() throws IOException {
		DefaultArtifactSource source = DefaultArtifactSource.create();
		EncoderArtifacts minilmFiles = EncoderArtifacts.bundled(BundledEncoder.ALL_MINILM_L6_V2_Q);
		minilm = EncoderLinearTier.open("minilm", head("/" + Sst2MiniLm.HEAD), source, minilmFiles.model(),
				minilmFiles.tokenizer(), OrtOptions.defaults());
		EncoderArtifacts bgeFiles = EncoderArtifacts.bundled(BundledEncoder.BGE_SMALL_EN_V15);
		bge = EncoderLinearTier.open("bge", head(SST2 + "sst2-bge-small.head.json"), source, bgeFiles.model(),
				bgeFiles.tokenizer(), OrtOptions.defaults());
		new TinyOnnxClassifierAccess().write(dir.resolve("model.onnx"));
		String tokenizer;
		try (InputStream in = TokeniseOnceIT.class.getResourceAsStream("/bge-small-en-v1.5-tokenizer.json")) {
			tokenizer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String casedTokenizer = tokenizer.replace("\"lowercase\": true", "\"lowercase\": false");
		assertThat(casedTokenizer).isNotEqualTo(tokenizer);
		Files.writeString(dir.resolve("tokenizer.json"), casedTokenizer);
		Files.writeString(dir.resolve("config.json"), """
				{"model_type": "bert", "max_position_embeddings": 128, "id2label": {"0": "0", "1": "1"}}""");
		cased = OnnxClassifierTier.open("cased", dir, OrtOptions.defaults());
		stages = List.of(stage(minilm), stage(bge), stage(cased));
	}

	@AfterAll
	static void closeTiers() {
		for (Tier tier : new Tier[] { minilm, bge, cased }) {
			if (tier != null) {
				tier.close();
			}
		}
	}

	@Test
	void theSynchronousCascadeTokenisesEachInputOncePerTokenizerFamily() {
		long[] before = counts();

		List<Prediction> predictions = new Cascade(stages).classify(INPUTS, false).predictions();

		assertThat(predictions).allSatisfy((prediction) -> assertThat(prediction.tier()).isEqualTo(2));
		assertTokenisedOncePerFamily(before);
	}

	@Test
	void theBatchingCascadeTokenisesEachInputOncePerTokenizerFamily() throws Exception {
		BatchingCascade batching = BatchingCascade.builder(stages)
			.batching(new BatchingSettings(Duration.ofMillis(1), 64, 1, 4))
			.build();
		batching.start();
		try {
			long[] before = counts();

			BatchingResult result = batching.submit(INPUTS).get(60, TimeUnit.SECONDS);

			assertThat(result.predictions()).allSatisfy((prediction) -> assertThat(prediction.tier()).isEqualTo(2));
			assertTokenisedOncePerFamily(before);
		}
		finally {
			batching.close();
		}
	}

	@Test
	void sharedEncodingsGiveTheScoresOfFreshOnes() {
		List<TextInput> shared = INPUTS.stream().map(TextInput::keepingEncodings).toList();
		minilm.classify(shared);
		long before = bge.tokenisations();

		var fromShared = bge.classify(shared);
		var fromFresh = bge.classify(INPUTS);

		assertThat(bge.tokenisations() - before).isEqualTo(1 + INPUTS.size());
		for (int i = 0; i < INPUTS.size(); i++) {
			assertThat(fromShared.get(i).logits()).containsExactly(fromFresh.get(i).logits(), within(1e-6f));
			assertThat(fromShared.get(i).truncated()).isEqualTo(fromFresh.get(i).truncated());
		}
		assertThat(fromShared.get(INPUTS.indexOf(LONG)).truncated()).isFalse();
		assertThat(minilm.classify(List.of(LONG)).get(0).truncated()).isTrue();
	}

	/**
	 * MiniLM encodes every input; bge-small reuses those encodings except the one MiniLM
	 * truncated; the cased classifier encodes every input once more.
	 */
	private static void assertTokenisedOncePerFamily(long[] before) {
		long[] after = counts();
		assertThat(after[0] - before[0]).isEqualTo(INPUTS.size());
		assertThat(after[1] - before[1]).isEqualTo(1);
		assertThat(after[2] - before[2]).isEqualTo(INPUTS.size());
	}

	private static long[] counts() {
		return new long[] { minilm.tokenisations(), bge.tokenisations(), cased.tokenisations() };
	}

	private static Stage stage(Tier tier) {
		return new Stage(tier, 4, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 1.0);
	}

	private static dev.tango.runtime.head.HeadFile head(String name) throws IOException {
		try (InputStream in = TokeniseOnceIT.class.getResourceAsStream(name)) {
			return HeadFiles.read(in, name);
		}
	}

}
