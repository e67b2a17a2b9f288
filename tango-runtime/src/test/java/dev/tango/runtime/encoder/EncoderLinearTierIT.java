package dev.tango.runtime.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.testsupport.Concurrently;
import dev.tango.runtime.testsupport.Sst2MiniLm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * An SST-2 sentiment tier made of the int8 MiniLM encoder and the bundled default
 * cascade's head for it (fitted by tango-train, whose tests cover fitting).
 */
class EncoderLinearTierIT {

	/** Reads a tier's prediction from its logits. */
	private static final ConfidenceFunction SOFTMAX = new ConfidenceFunction(Activation.SOFTMAX,
			ConfidenceMeasure.MAX_PROBABILITY, 1);

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	private static final String BUNDLED_HEAD = Sst2MiniLm.HEAD;

	private static HeadFile head;

	private static EncoderLinearTier tier;

	@BeforeAll
	static void openTier() throws IOException {
		try (InputStream in = EncoderLinearTierIT.class.getClassLoader().getResourceAsStream(BUNDLED_HEAD)) {
			assertThat(in).as(BUNDLED_HEAD).isNotNull();
			head = HeadFiles.read(in, BUNDLED_HEAD);
		}
		SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE,
				OrtOptions.defaults());
		tier = EncoderLinearTier.of("all-minilm-l6-v2-q+sst2", head, encoder);
	}

	@AfterAll
	static void close() {
		if (tier != null) {
			tier.close();
		}
	}

	@Test
	void theHeadRecordsItsEncoderAndProvenance() {
		assertThat(head.encoder()).isEqualTo(BundledEncoder.ALL_MINILM_L6_V2_Q.identity());
		assertThat(head.head().labels()).containsExactly("0", "1");
		assertThat(head.training()).isNotNull();
		assertThat(head.training().heldOutRows()).isPositive().isLessThan(head.training().rows());
		assertThat(head.training().libraries()).containsKeys("djl", "onnxruntime", "java", "tango");
		assertThat(head.training().heldOutAccuracy()).isGreaterThan(0.7);
		assertThat(tier.labels()).containsExactly("0", "1");
		assertThat(tier.maxInputTokens()).isEqualTo(256);
	}

	@Test
	void unambiguousSentencesGetTheRightLabel() {
		List<Scores> scores = tier.classify(List.of(TextInput.of("a wonderful , moving film with brilliant acting ."),
				TextInput.of("a dull , boring and painfully bad movie ."),
				TextInput.of("one of the best films of the year ."),
				TextInput.of("the worst movie i have ever seen .")));
		assertThat(scores).extracting((s) -> SOFTMAX.label(s.logits())).containsExactly(1, 0, 1, 0);
	}

	@Test
	void generalisesToTheDevSet() throws IOException {
		LabelledDataset dev = LabelledDataset.read(shared("sst2/dev.tsv"));
		int[] labels = dev.labelIndices();
		List<TextInput> inputs = dev.inputs();
		int correct = 0;
		for (int from = 0; from < inputs.size(); from += 32) {
			List<Scores> scores = tier.classify(inputs.subList(from, Math.min(inputs.size(), from + 32)));
			for (int k = 0; k < scores.size(); k++) {
				correct += (SOFTMAX.label(scores.get(k).logits()) == labels[from + k]) ? 1 : 0;
			}
		}
		assertThat((double) correct / inputs.size()).isGreaterThan(0.72);
	}

	@Test
	void logitsGiveProbabilitiesThatSumToOne() {
		for (Scores scores : tier.classify(List.of(TextInput.of("fine"), TextInput.of("not fine at all")))) {
			double[] p = softmax(scores.logits());
			assertThat(p).hasSize(2);
			assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-9));
			for (double v : p) {
				assertThat(v).isBetween(0.0, 1.0);
			}
		}
	}

	/**
	 * The int8 encoder quantises each batch's activations with one scale (see
	 * {@code SentenceEncoderIT}): probabilities move a little with the batch (on the
	 * SST-2 dev set by 0.03 on average), so labels near the boundary can change.
	 */
	@Test
	void aBatchGivesCloseProbabilitiesToItsInputsOneByOne() throws IOException {
		List<TextInput> inputs = LabelledDataset.read(shared("sst2/dev.tsv")).inputs().subList(0, 64);
		List<Scores> batch = tier.classify(inputs);
		double total = 0;
		int agree = 0;
		for (int i = 0; i < inputs.size(); i++) {
			double single = softmax(tier.classify(List.of(inputs.get(i))).get(0).logits())[1];
			double batched = softmax(batch.get(i).logits())[1];
			assertThat(batched).as("input %d", i).isCloseTo(single, within(0.3));
			total += Math.abs(batched - single);
			agree += ((batched > 0.5) == (single > 0.5)) ? 1 : 0;
		}
		assertThat(total / inputs.size()).isLessThan(0.06);
		assertThat(agree).isGreaterThanOrEqualTo(58);
	}

	@Test
	void everyBadInputHasAResult() {
		List<TextInput> inputs = List.of(TextInput.of(""), TextInput.of("   \t\n "),
				TextInput.of("great ".repeat(5000)), TextInput.of("\u0000\u0001\u0007\u001b[31m red \u007f"),
				TextInput.of("😀🎉👍🏽 👎"), TextInput.of("lone \uD83D high and \uDE00 low surrogates"),
				TextInput.of("\uFFFF\uFFFE\u200B\u202E"), TextInput.pair("", ""),
				TextInput.pair("x".repeat(3000), "y ".repeat(3000)));
		List<Scores> scores = tier.classify(inputs);
		assertThat(scores).hasSize(inputs.size());
		for (Scores s : scores) {
			assertThat(s.logits()).hasSize(2);
			for (float v : s.logits()) {
				assertThat(Float.isFinite(v)).isTrue();
			}
		}
		assertThat(scores).extracting(Scores::truncated)
			.containsExactly(false, false, true, false, false, false, false, false, true);
		assertThat(tier.length(inputs.get(0))).isEqualTo(2);
		assertThat(tier.length(inputs.get(2))).isEqualTo(256);
		for (TextInput input : inputs) {
			assertThat(tier.classify(List.of(input))).hasSize(1);
		}
		assertThat(tier.classify(List.of())).isEmpty();
	}

	@Test
	void isSafeToCallFromSeveralThreads() throws Exception {
		List<TextInput> inputs = LabelledDataset.read(shared("sst2/dev.tsv")).inputs().subList(0, 24);
		List<float[]> expected = new ArrayList<>();
		for (TextInput input : inputs) {
			expected.add(tier.classify(List.of(input)).get(0).logits());
		}
		Concurrently.run(4, (offset) -> {
			for (int round = 0; round < inputs.size(); round++) {
				int i = (offset * 5 + round) % inputs.size();
				assertThat(tier.classify(List.of(inputs.get(i))).get(0).logits()).containsExactly(expected.get(i));
			}
		});
	}

	@Test
	void aHeadRefusesAnotherEncoder() throws IOException {
		SentenceEncoder bge = SentenceEncoder.open(BundledEncoder.BGE_SMALL_EN_V15, SOURCE, OrtOptions.defaults());
		assertThatThrownBy(() -> EncoderLinearTier.of("wrong", head, bge)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("fitted for encoder all-minilm-l6-v2-q");
		assertThatThrownBy(() -> bge.embed(List.of(TextInput.of("x")))).isInstanceOf(TierException.class);
		assertThatThrownBy(() -> EncoderLinearTier.open("wrong", head, SOURCE,
				TierArtifact.of(BundledEncoder.BGE_SMALL_EN_V15.modelUri()),
				TierArtifact.of(BundledEncoder.BGE_SMALL_EN_V15.tokenizerUri()), OrtOptions.defaults()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("sha256");
	}

	@Test
	void aFloatEncoderTierAgreesBatchedAndOneByOne() throws IOException {
		Random random = new Random(9);
		float[][] weights = new float[3][384];
		for (float[] row : weights) {
			for (int d = 0; d < row.length; d++) {
				row[d] = (float) random.nextGaussian();
			}
		}
		LinearHead head = new LinearHead(List.of("a", "b", "c"), weights, new float[] { 0.1f, 0.2f, 0.3f });
		List<TextInput> inputs = List.of(TextInput.of("a short one"),
				TextInput.of("a rather longer sentence with words"), TextInput.of(""),
				TextInput.pair("premise here", "hypothesis there"));
		EncoderLinearTier bge = new EncoderLinearTier("bge",
				SentenceEncoder.open(BundledEncoder.BGE_SMALL_EN_V15, SOURCE, OrtOptions.defaults()), head, 32);
		try {
			List<Scores> batch = bge.classify(inputs);
			for (int i = 0; i < inputs.size(); i++) {
				float[] single = bge.classify(List.of(inputs.get(i))).get(0).logits();
				for (int c = 0; c < 3; c++) {
					assertThat(batch.get(i).logits()[c]).isCloseTo(single[c], within(1e-4f));
				}
			}
		}
		finally {
			bge.close();
		}
		bge.close();
		assertThatThrownBy(() -> bge.classify(inputs)).isInstanceOf(TierException.class)
			.hasMessageContaining("bge is closed");
	}

	static double[] softmax(float[] logits) {
		double max = Double.NEGATIVE_INFINITY;
		for (float v : logits) {
			max = Math.max(max, v);
		}
		double sum = 0;
		double[] p = new double[logits.length];
		for (int i = 0; i < p.length; i++) {
			p[i] = Math.exp(logits[i] - max);
			sum += p[i];
		}
		for (int i = 0; i < p.length; i++) {
			p[i] /= sum;
		}
		return p;
	}

	static Path shared(String relative) {
		return Path.of(System.getProperty("tango.shared.dir", "../../shared")).resolve("data").resolve(relative);
	}

}
