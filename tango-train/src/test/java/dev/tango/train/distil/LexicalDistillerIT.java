package dev.tango.train.distil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeDescriptor;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.lexical.LexicalTier;
import dev.tango.train.fit.EmbeddingCache;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distils the bundled sst2-frozen cascade's last tier (bge-small-en-v1.5 and its head,
 * opened by the cascade loader) into a lexical student over 1,500 labelled and 1,500
 * unlabelled training sentences, and compares it on the dev set with a lexical head
 * fitted on the 1,500 labels alone.
 */
class LexicalDistillerIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	private static final String BUNDLED = "tango/cascades/sst2-frozen/";

	private static final FitSettings FIT = FitSettings.defaults().withL2Grid(List.of(1e-4, 3e-5, 1e-5, 3e-6, 1e-6));

	@TempDir
	Path dir;

	@Test
	void theDistilledStudentAgreesWithItsTeacherOnDevMoreThanAStudentOfTheLabels() throws IOException {
		Path data = Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2");
		LabelledDataset train = LabelledDataset.read(data.resolve("train.tsv"));
		LabelledDataset labelled = train.slice(0, 1500);
		Path unlabelledFile = Files.write(this.dir.resolve("unlabelled.txt"),
				train.inputs().subList(1500, 3000).stream().map(TextInput::text).toList());
		UnlabelledTexts unlabelled = UnlabelledTexts.read(unlabelledFile);
		LabelledDataset dev = LabelledDataset.read(data.resolve("dev.tsv"));
		LexicalSpec spec = LexicalSpec.defaults();

		try (LoadedCascade loaded = openBundledLastTier()) {
			TierTeacher teacher = new TierTeacher("sst2-frozen#sst2-bge-small", loaded.tiers().get(0).tier(), 32);
			DistilResult distilled = LexicalDistiller.distil(labelled, unlabelled, teacher, spec,
					new DistilSettings(2, 0.5, FIT.withCommand("LexicalDistillerIT")), (done, total) -> {
					});
			HeadFile fitted = new HeadFitter(SOURCE, new EmbeddingCache(SOURCE.cache().directory()))
				.fitLexicalHead(labelled, spec, FIT)
				.head();
			int[] teacherLabels = argmax(teacher.probabilities(dev.inputs(), 1, (done, total) -> {
			}));

			double distilledAgreement = agreement(LexicalTier.of("distilled", distilled.head()), dev, teacherLabels);
			double fittedAgreement = agreement(LexicalTier.of("fitted", fitted), dev, teacherLabels);
			assertThat(distilledAgreement).isGreaterThan(fittedAgreement + 0.02);
			assertThat(accuracy(LexicalTier.of("distilled", distilled.head()), dev))
				.isGreaterThan(accuracy(LexicalTier.of("fitted", fitted), dev));

			assertThat(distilled.teacherHeldOutAccuracy()).isGreaterThan(0.8);
			assertThat(distilled.heldOutAgreement()).isGreaterThan(0.7);
			assertThat(distilled.rows()).isEqualTo(3000);
			assertThat(distilled.head().head().labels()).containsExactly("0", "1");
			var distillation = distilled.head().training().distillation();
			assertThat(distillation.teacher()).isEqualTo("sst2-frozen#sst2-bge-small");
			assertThat(distillation.unlabelledRows()).isEqualTo(1500);
			assertThat(distillation.teacherSeconds()).isPositive();
		}
	}

	/** Opens the bundled cascade's last tier as the cascade loader opens every tier. */
	private static LoadedCascade openBundledLastTier() throws IOException {
		CascadeSpec bundled;
		try (InputStream in = SOURCE.open("classpath:" + BUNDLED + "cascade.json")) {
			bundled = CascadeDescriptor.parse(in, BUNDLED + "cascade.json");
		}
		TierSpec last = bundled.tiers()
			.get(bundled.tiers().size() - 1)
			.withArtifactUris((uri) -> uri.contains(":") ? uri : "classpath:" + BUNDLED + uri);
		return new CascadeLoader(SOURCE).open(new CascadeSpec(bundled.name(), List.of(last)));
	}

	private static double agreement(LexicalTier student, LabelledDataset dev, int[] teacherLabels) {
		List<Scores> scores = student.classify(dev.inputs());
		int agree = 0;
		for (int i = 0; i < scores.size(); i++) {
			agree += (argmax(scores.get(i).logits()) == teacherLabels[i]) ? 1 : 0;
		}
		return (double) agree / scores.size();
	}

	private static double accuracy(LexicalTier student, LabelledDataset dev) {
		return agreement(student, dev, dev.labelIndices());
	}

	private static int[] argmax(double[][] rows) {
		int[] labels = new int[rows.length];
		for (int i = 0; i < rows.length; i++) {
			labels[i] = (rows[i][1] > rows[i][0]) ? 1 : 0;
		}
		return labels;
	}

	private static int argmax(float[] logits) {
		return (logits[1] > logits[0]) ? 1 : 0;
	}

}
