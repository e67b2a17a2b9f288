package dev.tango.train.fit;

import java.io.IOException;
import java.nio.file.Path;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fits an SST-2 sentiment head on the int8 MiniLM encoder's embeddings of the first 2,000
 * training rows and serves it as a tier.
 */
class HeadFitterIT {

	private static final DefaultArtifactSource SOURCE = DefaultArtifactSource.create();

	@Test
	void fitsAnEncoderHeadThatRecordsItsProvenanceAndClassifies() throws IOException {
		LabelledDataset train = LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", "train.tsv"))
			.slice(0, 2000);
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

}
