package dev.tango.train.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.text.TextTokenizer;

/**
 * Real SST-2 rows tokenised with the bundled MiniLM tokenizer (BERT uncased vocabulary),
 * read once per test class.
 */
final class Sst2Slice {

	/** Rows of the test classifier's embedding table, which token ids are hashed into. */
	static final int EMBEDDING_ROWS = 4099;

	private Sst2Slice() {
	}

	static Path data(String file) {
		return Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", file);
	}

	static TextTokenizer tokenizer() {
		try {
			BundledEncoder encoder = BundledEncoder.ALL_MINILM_L6_V2_Q;
			Path json = DefaultArtifactSource.create().file(encoder.tokenizerUri(), encoder.tokenizerSha256());
			return TextTokenizer.load(json, 64);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first {@code trainRows} training rows, and the first {@code heldOutRows} dev
	 * rows held out.
	 */
	static TrainingData labelled(int trainRows, int heldOutRows) {
		try (TextTokenizer tokenizer = tokenizer()) {
			ExampleEncoder encoder = new ExampleEncoder(tokenizer);
			LabelledDataset train = LabelledDataset.read(data("train.tsv")).slice(0, trainRows);
			LabelledDataset dev = LabelledDataset.read(data("dev.tsv")).slice(0, heldOutRows);
			List<String> labels = train.labels();
			return new TrainingData(encoder.labelled(train, labels), encoder.labelled(dev, labels), labels.size(),
					encoder.padId());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
