package dev.tango.api.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.testsupport.Sst2MiniLm;

/**
 * The {@value #NAME} cascade the end-to-end tests serve: the bundled all-MiniLM-L6-v2
 * int8 encoder with a head, gated at {@value #THRESHOLD}, then bge-small-en-v1.5 with a
 * head, answering SST-2's labels {@code 0} and {@code 1} by the display names
 * {@code negative} and {@code positive}. Both heads were fitted by tango-train on SST-2
 * train: bge-small's is the bundled {@code sst2-frozen} cascade's (see its
 * {@code PROVENANCE.md}), MiniLM's was its tier 1 before ({@link Sst2MiniLm}). They are
 * written once per JVM beside a descriptor of their own, so the serving tests need no
 * fitting code. The service registers it from the descriptor on its first start, like the
 * bundled default.
 */
final class SentimentCascadeFixture {

	static final String NAME = "sst2-sentiment";

	static final double THRESHOLD = 0.9;

	/** The names the cascade's descriptor gives SST-2's labels, by identifier. */
	static final Map<String, String> DISPLAY_NAMES = Map.of("0", "negative", "1", "positive");

	private static final String BUNDLED = "tango/cascades/sst2-frozen/";

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
	 * Returns the descriptor's URI, writing it and the heads the first time.
	 * @return a {@code file:} URI, for {@code tango.registry.seed}
	 */
	static synchronized String descriptorUri() {
		if (descriptor == null) {
			try {
				descriptor = write();
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

	private static Path write() throws IOException {
		Path folder = Files.createDirectories(ROOT.resolve("sst2-sentiment"));
		copy(Sst2MiniLm.HEAD, folder.resolve("all-minilm-l6-v2-q.json"));
		copy(BUNDLED + "sst2-bge-small.head.json", folder.resolve("bge-small-en-v1.5.json"));
		Path file = folder.resolve("cascade.json");
		Files.writeString(file, """
				{"format": "tango-cascade", "version": 1, "name": "%s",
				 "labels": [{"id": "0", "displayName": "negative"}, {"id": "1", "displayName": "positive"}],
				 "tiers": [
				   {"kind": "encoder-linear", "head": "all-minilm-l6-v2-q.json", "batchSize": 32, "threshold": %s},
				   {"kind": "encoder-linear", "head": "bge-small-en-v1.5.json", "batchSize": 32}
				 ]}
				""".formatted(NAME, THRESHOLD));
		return file;
	}

	private static void copy(String head, Path target) throws IOException {
		try (InputStream in = SentimentCascadeFixture.class.getClassLoader().getResourceAsStream(head)) {
			if (in == null) {
				throw new IOException("No head " + head + " on the class path");
			}
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
