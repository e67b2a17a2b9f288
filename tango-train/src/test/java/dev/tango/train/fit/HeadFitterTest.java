package dev.tango.train.fit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.lexical.LexicalTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HeadFitterTest {

	/** Reads a tier's prediction from its logits. */
	private static final ConfidenceFunction SOFTMAX = new ConfidenceFunction(Activation.SOFTMAX,
			ConfidenceMeasure.MAX_PROBABILITY, 1);

	@TempDir
	Path dir;

	@Test
	void fitsALexicalHeadOnSeparableTextAndWritesItsProvenance() throws IOException {
		Path train = SyntheticReviews.write(this.dir.resolve("train.tsv"), 400, 1);
		HeadFitter fitter = fitter();
		Path headFile = this.dir.resolve("heads/lexical.json");
		FitSettings settings = FitSettings.defaults().withCommand("test fit").withL2Grid(List.of(1e-2, 1e-3, 1e-4));
		FitResult result = fitter.fitLexicalHead(train, LexicalSpec.defaults().withBucketBits(16), headFile, settings);

		assertThat(result.heldOutAccuracy()).isEqualTo(1.0);
		assertThat(result.grid()).extracting(FitResult.GridPoint::l2).containsExactly(1e-2, 1e-3, 1e-4);
		assertThat(result.grid()).allSatisfy((point) -> assertThat(point.converged()).isTrue());
		assertThat(result.grid()).extracting(FitResult.GridPoint::heldOutLogLoss)
			.isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(result.l2()).isEqualTo(1e-4);

		HeadFile head = HeadFiles.read(headFile);
		assertThat(head.kind()).isEqualTo(HeadKind.LEXICAL_LINEAR);
		assertThat(head.head().labels()).containsExactly("neg", "pos");
		assertThat(head.head().dimension()).isEqualTo(1 << 16);
		var training = head.training();
		assertThat(training).isNotNull();
		assertThat(training.dataset()).isEqualTo(train.toString());
		assertThat(training.datasetSha256()).isEqualTo(dev.tango.runtime.artifact.Sha256.of(train));
		assertThat(training.rows()).isEqualTo(400);
		assertThat(training.heldOutRows()).isEqualTo(40);
		assertThat(training.seed()).isEqualTo(42);
		assertThat(training.l2()).isEqualTo(1e-4);
		assertThat(training.heldOutAccuracy()).isEqualTo(1.0);
		assertThat(training.command()).isEqualTo("test fit");
		assertThat(training.libraries()).containsKeys("java", "tango").doesNotContainKey("djl");

		LexicalTier tier = LexicalTier.of("lexical", head);
		List<Scores> scores = tier.classify(List.of(TextInput.of("A really WONDERFUL film!"),
				TextInput.of("the plot was dull and boring"), TextInput.of("")));
		assertThat(SOFTMAX.label(scores.get(0).logits())).isEqualTo(1);
		assertThat(SOFTMAX.label(scores.get(1).logits())).isEqualTo(0);
		assertThat(scores.get(2).logits()).isEqualTo(head.head().bias());
		assertThat(scores).noneMatch(Scores::truncated);
	}

	@Test
	void isDeterministicForASeed() throws IOException {
		LabelledDataset data = LabelledDataset.read(SyntheticReviews.write(this.dir.resolve("train.tsv"), 300, 2));
		FitSettings settings = FitSettings.defaults().withL2Grid(List.of(1e-2, 1e-3));
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(14);
		FitResult first = fitter().fitLexicalHead(data, spec, settings);
		FitResult second = fitter().fitLexicalHead(data, spec, settings);
		FitResult otherSeed = fitter().fitLexicalHead(data, spec, settings.withSeed(7));
		assertThat(second.head().head().weights()).isDeepEqualTo(first.head().head().weights());
		assertThat(second.head().head().bias()).isEqualTo(first.head().head().bias());
		assertThat(second.grid()).isEqualTo(first.grid());
		assertThat(otherSeed.grid()).isNotEqualTo(first.grid());
	}

	@Test
	void triesTheDefaultGridStrongestFirstDownTo1eMinus8() throws IOException {
		LabelledDataset data = LabelledDataset.read(SyntheticReviews.write(this.dir.resolve("train.tsv"), 300, 3));
		FitResult result = fitter().fitLexicalHead(data, LexicalSpec.defaults().withBucketBits(14),
				FitSettings.defaults());
		assertThat(result.grid()).extracting(FitResult.GridPoint::l2)
			.containsExactlyElementsOf(FitSettings.DEFAULT_L2_GRID);
		assertThat(FitSettings.DEFAULT_L2_GRID).hasSize(13).startsWith(1e-2).endsWith(1e-8);
		assertThat(result.head().training().l2Grid()).isEqualTo(FitSettings.DEFAULT_L2_GRID);
		assertThat(FitSettings.DEFAULT_L2_GRID).contains(result.l2());
	}

	@Test
	void reportsEachFitOfTheGridAndTheRefitAndStopsWhenTheListenerThrows() throws IOException {
		LabelledDataset data = LabelledDataset.read(SyntheticReviews.write(this.dir.resolve("train.tsv"), 200, 3));
		FitSettings settings = FitSettings.defaults().withL2Grid(List.of(1e-2, 1e-3, 1e-4));
		List<String> reports = new ArrayList<>();
		fitter().withProgress((phase, done, total) -> reports.add(phase + " " + done + "/" + total))
			.fitLexicalHead(data, LexicalSpec.defaults(), settings);
		assertThat(reports).containsExactly("fitting 1/4", "fitting 2/4", "fitting 3/4", "fitting 4/4");

		HeadFitter stopped = fitter().withProgress((phase, done, total) -> {
			if (done == 2) {
				throw new IllegalStateException("cancelled");
			}
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> stopped.fitLexicalHead(data, LexicalSpec.defaults(), settings))
			.withMessage("cancelled");
	}

	private HeadFitter fitter() {
		return new HeadFitter(
				new DefaultArtifactSource(new ArtifactCache(this.dir.resolve("cache")), getClass().getClassLoader()),
				new EmbeddingCache(this.dir.resolve("cache")));
	}

}
