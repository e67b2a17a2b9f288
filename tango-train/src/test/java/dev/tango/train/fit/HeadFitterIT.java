package dev.tango.train.fit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.onnx.OrtOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fits an SST-2 sentiment head on the int8 MiniLM encoder's embeddings of the first 2,000
 * training rows and serves it as a tier; reports the progress of a fit, which its
 * listener can stop.
 */
class HeadFitterIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	@TempDir
	Path dir;

	@Test
	void fitsAnEncoderHeadThatRecordsItsProvenanceAndClassifies() throws IOException {
		LabelledDataset train = sst2Train().slice(0, 2000);
		HeadFitter fitter = new HeadFitter(SOURCE, new EmbeddingCache(SOURCE.cache().directory()));
		SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE,
				OrtOptions.defaults());
		FitResult fit = fitter.fitEncoderHead(train, encoder,
				FitSettings.defaults().withL2Grid(List.of(1e-2, 1e-3, 1e-4, 1e-5)).withCommand("HeadFitterIT"));

		HeadFile head = fit.head();
		assertThat(head.encoder()).isEqualTo(BundledEncoder.ALL_MINILM_L6_V2_Q.identity());
		assertThat(head.head().labels()).containsExactly("0", "1");
		assertThat(head.training()).isNotNull();
		assertThat(head.training().rows()).isEqualTo(2000);
		assertThat(head.training().heldOutRows()).isEqualTo(200);
		assertThat(head.training().command()).isEqualTo("HeadFitterIT");
		assertThat(head.training().libraries()).containsKeys("djl", "onnxruntime", "java", "tango");
		assertThat(fit.heldOutAccuracy()).isGreaterThan(0.7);
		assertThat(head.training().heldOutAccuracy()).isEqualTo(fit.heldOutAccuracy());

		try (EncoderLinearTier tier = EncoderLinearTier.of("all-minilm-l6-v2-q+sst2", head, encoder)) {
			List<Scores> scores = tier
				.classify(List.of(TextInput.of("a wonderful , moving film with brilliant acting ."),
						TextInput.of("a dull , boring and painfully bad movie ."),
						TextInput.of("one of the best films of the year ."),
						TextInput.of("the worst movie i have ever seen .")));
			assertThat(scores).extracting((s) -> s.logits()[1] > s.logits()[0])
				.containsExactly(true, false, true, false);
		}
	}

	@Test
	void reportsEachBatchEmbeddedAndEachFitAndStopsWhenTheListenerThrows() throws IOException {
		LabelledDataset train = sst2Train().slice(0, 100);
		FitSettings settings = FitSettings.defaults().withL2Grid(List.of(1e-2, 1e-3));
		assertThat(settings.batchSize()).isEqualTo(32);
		List<String> reports = new ArrayList<>();
		EmbeddingCache cache = new EmbeddingCache(this.dir);
		HeadFitter fitter = new HeadFitter(SOURCE, cache)
			.withProgress((phase, done, total) -> reports.add(phase + " " + done + "/" + total));
		try (SentenceEncoder encoder = SentenceEncoder.open(BundledEncoder.ALL_MINILM_L6_V2_Q, SOURCE,
				OrtOptions.defaults())) {
			fitter.fitEncoderHead(train, encoder, settings);
			assertThat(reports).containsExactly("embedding 32/100", "embedding 64/100", "embedding 96/100",
					"embedding 100/100", "fitting 1/3", "fitting 2/3", "fitting 3/3");

			Files.delete(cache.file(encoder.identity(), train.sha256()));
			HeadFitter stopped = new HeadFitter(SOURCE, cache).withProgress((phase, done, total) -> {
				if (done > 32) {
					throw new UncheckedIOException(new IOException("stop at " + done));
				}
			});
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> stopped.fitEncoderHead(train, encoder, settings))
				.withMessageContaining("stop at 64");
			assertThat(cache.file(encoder.identity(), train.sha256())).doesNotExist();
		}
	}

	private static LabelledDataset sst2Train() throws IOException {
		return LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "train.tsv"));
	}

}
