package dev.tango.train.distil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.train.loop.ClassificationLoss;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.TierRunner;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.train.fit.EmbeddingCache;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;
import dev.tango.train.fit.HeldOutSplit;
import dev.tango.train.fit.SyntheticReviews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Distils a lexical teacher (a lexical tier fitted on synthetic reviews) into a lexical
 * student with fewer buckets, over labelled and unlabelled texts.
 */
class LexicalDistillerTest {

	private static final FitSettings FIT = FitSettings.defaults().withL2Grid(List.of(1e-2, 1e-3, 1e-4));

	@TempDir
	Path dir;

	@Test
	void theStudentLearnsTheTeachersLabelsAndRecordsHowItWasDistilled() throws IOException {
		LexicalTier teacherTier = teacherTier();
		Teacher teacher = new TierTeacher("teacher.json#lexical", teacherTier, 64);
		LabelledDataset labelled = LabelledDataset
			.read(SyntheticReviews.write(this.dir.resolve("labelled.tsv"), 200, 2));
		UnlabelledTexts unlabelled = unlabelled(300, 3);
		DistilSettings settings = new DistilSettings(2.0, 0.3, FIT.withCommand("distil test"));
		long[] progress = new long[2];
		DistilResult result = LexicalDistiller.distil(labelled, unlabelled, teacher,
				LexicalSpec.defaults().withBucketBits(12), settings, (done, total) -> {
					progress[0] = done;
					progress[1] = total;
				});

		assertThat(progress).containsExactly(500, 500);
		assertThat(result.rows()).isEqualTo(500);
		assertThat(result.heldOutAgreement()).isGreaterThanOrEqualTo(0.95);
		assertThat(result.teacherHeldOutAccuracy()).isEqualTo(1.0);
		assertThat(result.heldOutAccuracy()).isGreaterThanOrEqualTo(0.95);
		HeadFile head = result.head();
		assertThat(head.kind()).isEqualTo(HeadKind.LEXICAL_LINEAR);
		assertThat(head.head().labels()).isEqualTo(teacherTier.labels());
		assertThat(head.head().dimension()).isEqualTo(1 << 12);
		var training = head.training();
		assertThat(training.dataset()).isEqualTo(labelled.name());
		assertThat(training.datasetSha256()).isEqualTo(labelled.sha256());
		assertThat(training.rows()).isEqualTo(200);
		assertThat(training.heldOutRows()).isEqualTo(20);
		assertThat(training.command()).isEqualTo("distil test");
		assertThat(training.l2Grid()).containsExactly(1e-2, 1e-3, 1e-4);
		Distillation distillation = training.distillation();
		assertThat(distillation).isNotNull();
		assertThat(distillation.teacher()).isEqualTo("teacher.json#lexical");
		assertThat(distillation.temperature()).isEqualTo(2.0);
		assertThat(distillation.alpha()).isEqualTo(0.3);
		assertThat(distillation.unlabelled()).isEqualTo(unlabelled.name());
		assertThat(distillation.unlabelledSha256()).isEqualTo(Sha256.of(Path.of(unlabelled.name())));
		assertThat(distillation.unlabelledRows()).isEqualTo(300);
		assertThat(distillation.heldOutAgreement()).isEqualTo(result.heldOutAgreement());
		assertThat(distillation.teacherSeconds()).isPositive();
		assertThat(distillation.fitSeconds()).isPositive();

		LexicalTier student = LexicalTier.of("student", head);
		List<TextInput> probes = List.of(TextInput.of("a really wonderful film"),
				TextInput.of("the plot was dull and boring"));
		assertThat(student.classify(probes)).extracting((s) -> argmax(s.logits()))
			.isEqualTo(teacherTier.classify(probes).stream().map((s) -> argmax(s.logits())).toList());

		DistilResult again = LexicalDistiller.distil(labelled, unlabelled, teacher,
				LexicalSpec.defaults().withBucketBits(12), settings, (done, total) -> {
				});
		assertThat(again.head().head().weights()).isDeepEqualTo(head.head().weights());
	}

	@Test
	void augmentedTextsAreVariantsOfTheRowsFittedOnAndNeverOfHeldOutRows() throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("text\tlabel");
		List<String> sentiment = List.of("great", "awful");
		for (int i = 0; i < 200; i++) {
			lines.add(sentiment.get(i % 2) + " w" + i + "a w" + i + "b w" + i + "c w" + i + "d\t"
					+ ((i % 2 == 0) ? "pos" : "neg"));
		}
		LabelledDataset labelled = LabelledDataset.read(Files.write(this.dir.resolve("rows.tsv"), lines));
		List<List<TextInput>> scored = new ArrayList<>();
		TierTeacher tier = new TierTeacher("t", teacherTier(), 64);
		Teacher recording = new Teacher() {
			@Override
			public String id() {
				return tier.id();
			}

			@Override
			public List<String> labels() {
				return tier.labels();
			}

			@Override
			public double[][] probabilities(List<TextInput> inputs, double temperature, TierRunner.Progress progress) {
				scored.add(List.copyOf(inputs));
				return tier.probabilities(inputs, temperature, progress);
			}
		};
		DistilSettings settings = new DistilSettings(2.0, 0.5, FIT).withAugment(3);
		DistilResult result = LexicalDistiller.distil(labelled, null, recording,
				LexicalSpec.defaults().withBucketBits(12), settings, (done, total) -> {
				});

		HeldOutSplit split = HeldOutSplit.stratified(labelled.labelIndices(tier.labels(), -1), 2, FIT.heldOutFraction(),
				FIT.seed());
		assertThat(split.heldOut()).hasSize(20);
		assertThat(scored).hasSize(1);
		List<TextInput> texts = scored.get(0);
		assertThat(texts.subList(0, 200)).isEqualTo(labelled.inputs());
		List<TextInput> variants = texts.subList(200, texts.size());
		assertThat(variants).hasSize(3 * 180);
		assertThat(result.rows()).isEqualTo(200 + 3 * 180);
		assertThat(result.head().training().distillation().augmentPerText()).isEqualTo(3);
		assertThat(result.head().training().distillation().augmentedRows()).isEqualTo(3 * 180);
		Set<String> heldOutWords = new HashSet<>();
		for (int row : split.heldOut()) {
			heldOutWords.addAll(List.of(labelled.inputs().get(row).text().split(" ")));
			assertThat(variants)
				.doesNotContainAnyElementsOf(settings.augmenter().augment(labelled.inputs(), new int[] { row }));
		}
		heldOutWords.removeAll(sentiment);
		Set<Integer> sources = new HashSet<>();
		for (TextInput variant : variants) {
			assertThat(variant.text().split(" ")).doesNotContainAnyElementsOf(heldOutWords);
			Arrays.stream(variant.text().split(" "))
				.filter((word) -> word.startsWith("w"))
				.forEach((word) -> sources.add(Integer.parseInt(word.substring(1, word.length() - 1))));
		}
		assertThat(sources).containsExactlyInAnyOrderElementsOf(Arrays.stream(split.train()).boxed().toList());
	}

	@Test
	void aStudentOfTheLabelsAloneIsTheHeadFittedOnTheLabels() throws IOException {
		LexicalTier teacherTier = teacherTier();
		LabelledDataset labelled = LabelledDataset
			.read(SyntheticReviews.write(this.dir.resolve("labelled.tsv"), 200, 4));
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(12);
		DistilResult distilled = LexicalDistiller.distil(labelled, null, new TierTeacher("t", teacherTier, 64), spec,
				new DistilSettings(3.0, 1.0, FIT), (done, total) -> {
				});
		HeadFile fitted = fitter().fitLexicalHead(labelled, spec, FIT).head();
		assertThat(distilled.head().head().weights()).isDeepEqualTo(fitted.head().weights());
		assertThat(distilled.head().training().distillation().unlabelled()).isNull();
	}

	@Test
	void refusesLabelsTheTeacherDoesNotKnow() throws IOException {
		Path file = Files.write(this.dir.resolve("other.tsv"), List.of("text\tlabel", "great\tpos", "meh\tneutral"));
		LabelledDataset other = LabelledDataset.read(file);
		assertThatThrownBy(() -> LexicalDistiller.distil(other, null, new TierTeacher("t", teacherTier(), 64),
				LexicalSpec.defaults(), new DistilSettings(2, 0.5, FIT), (done, total) -> {
				}))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'neutral'");
	}

	@Test
	void aHigherTemperatureFlattensTheTeachersProbabilitiesAndKeepsItsLabel() throws IOException {
		TierTeacher teacher = new TierTeacher("t", teacherTier(), 64);
		List<TextInput> inputs = List.of(TextInput.of("a wonderful superb film"), TextInput.of("boring"));
		double[][] sharp = teacher.probabilities(inputs, 1, (done, total) -> {
		});
		double[][] soft = teacher.probabilities(inputs, 4, (done, total) -> {
		});
		List<Scores> scores = teacher.tier().classify(inputs);
		for (int i = 0; i < inputs.size(); i++) {
			assertThat(sharp[i][0] + sharp[i][1]).isCloseTo(1, within(1e-12));
			assertThat(soft[i][0] + soft[i][1]).isCloseTo(1, within(1e-12));
			double[] expected = ClassificationLoss.softened(scores.get(i).logits(), 1);
			assertThat(sharp[i]).containsExactly(expected, within(1e-6));
			assertThat(argmax(soft[i])).isEqualTo(argmax(sharp[i]));
			assertThat(Math.max(soft[i][0], soft[i][1])).isLessThan(Math.max(sharp[i][0], sharp[i][1]));
		}
	}

	private LexicalTier teacherTier() throws IOException {
		LabelledDataset train = LabelledDataset.read(SyntheticReviews.write(this.dir.resolve("teacher.tsv"), 400, 1));
		HeadFile head = fitter().fitLexicalHead(train, LexicalSpec.defaults().withBucketBits(14), FIT).head();
		return LexicalTier.of("teacher", head);
	}

	private HeadFitter fitter() {
		return new HeadFitter(
				new DefaultArtifactSource(new ArtifactCache(this.dir.resolve("cache")), getClass().getClassLoader()),
				new EmbeddingCache(this.dir.resolve("cache")));
	}

	private UnlabelledTexts unlabelled(int rows, long seed) throws IOException {
		Path labelled = SyntheticReviews.write(this.dir.resolve("for-unlabelled.tsv"), rows, seed);
		Path texts = this.dir.resolve("unlabelled.txt");
		List<String> lines = Files.readAllLines(labelled).stream().skip(1).map((line) -> line.split("\t")[0]).toList();
		Files.write(texts, lines);
		return UnlabelledTexts.read(texts);
	}

	private static int argmax(float[] values) {
		return (values[1] > values[0]) ? 1 : 0;
	}

	private static int argmax(double[] values) {
		return (values[1] > values[0]) ? 1 : 0;
	}

}
