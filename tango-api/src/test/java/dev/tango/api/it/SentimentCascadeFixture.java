package dev.tango.api.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.fit.EmbeddingCache;
import dev.tango.runtime.fit.FitSettings;
import dev.tango.runtime.fit.HeadFitter;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * The {@value #NAME} cascade the end-to-end tests serve: the bundled all-MiniLM-L6-v2
 * int8 encoder with a head, gated at {@value #THRESHOLD}, then bge-small-en-v1.5 with a
 * head; both heads fitted here, once per JVM, on the first {@value #TRAINING_ROWS} rows
 * of SST-2 train. The service registers it from the descriptor on its first start, like
 * the bundled default.
 */
final class SentimentCascadeFixture {

	static final String NAME = "sst2-sentiment";

	static final double THRESHOLD = 0.9;

	static final int TRAINING_ROWS = 1000;

	private static final Path ROOT = Path.of("target", "it-cascade").toAbsolutePath();

	private static volatile Path descriptor;

	private SentimentCascadeFixture() {
	}

	/**
	 * Returns the directory the heads and descriptor are written to.
	 * @return the directory, for {@code tango.artifacts.allowed-roots}
	 */
	static String root() {
		return ROOT.toString();
	}

	/**
	 * Returns the descriptor's URI, fitting the heads the first time.
	 * @return a {@code file:} URI, for {@code tango.registry.seed}
	 */
	static synchronized String descriptorUri() {
		if (descriptor == null) {
			try {
				descriptor = fit();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return descriptor.toUri().toString();
	}

	/**
	 * Returns SST-2 data.
	 * @param file {@code train.tsv} or {@code dev.tsv}
	 * @return the data set
	 * @throws IOException if it cannot be read
	 */
	static LabelledDataset sst2(String file) throws IOException {
		return LabelledDataset
			.read(Path.of(System.getProperty("tango.shared.dir", "../../shared"), "data", "sst2", file));
	}

	private static Path fit() throws IOException {
		Path folder = Files.createDirectories(ROOT.resolve("sst2-sentiment"));
		LabelledDataset train = sst2("train.tsv").slice(0, TRAINING_ROWS);
		DefaultArtifactSource source = DefaultArtifactSource.create();
		HeadFitter fitter = new HeadFitter(source, new EmbeddingCache(source.cache().directory()));
		FitSettings settings = FitSettings.defaults()
			.withL2Grid(List.of(1e-2, 1e-3, 1e-4))
			.withCommand("tango-api end-to-end tests");
		for (BundledEncoder encoder : List.of(BundledEncoder.ALL_MINILM_L6_V2_Q, BundledEncoder.BGE_SMALL_EN_V15)) {
			try (SentenceEncoder opened = SentenceEncoder.open(encoder, source, OrtOptions.defaults())) {
				HeadFiles.write(fitter.fitEncoderHead(train, opened, settings).head(),
						folder.resolve(encoder.id() + ".json"));
			}
		}
		Path file = folder.resolve("cascade.json");
		Files.writeString(file, """
				{"format": "tango-cascade", "version": 1, "name": "%s",
				 "tiers": [
				   {"kind": "encoder-linear", "head": "all-minilm-l6-v2-q.json", "batchSize": 32, "threshold": %s},
				   {"kind": "encoder-linear", "head": "bge-small-en-v1.5.json", "batchSize": 32}
				 ]}
				""".formatted(NAME, THRESHOLD));
		return file;
	}

}
