package dev.tango.train.fit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.encoder.Embeddings;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.head.TrainingProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits linear heads on labelled text: multinomial logistic regression with L2
 * ({@link SoftmaxRegression}) on frozen-encoder embeddings or on lexical features.
 *
 * <p>
 * Procedure, the same for both: a stratified, seeded split holds out a share of each
 * label's rows ({@link HeldOutSplit}); the L2 strength is chosen on them by held-out
 * log-loss and the head refitted on all rows ({@link L2Selection}). The held-out accuracy
 * and log-loss reported are those of the held-out fit. Deterministic for a seed.
 *
 * <p>
 * Encoder features are computed in length-sorted batches and cached
 * ({@link EmbeddingCache}); lexical features are fitted on the buckets that occur in the
 * data only ({@link LexicalRows}).
 */
public final class HeadFitter {

	private static final Logger logger = LoggerFactory.getLogger(HeadFitter.class);

	private final ArtifactSource source;

	private final EmbeddingCache cache;

	private final FitProgress progress;

	/**
	 * Creates a fitter that reports no progress.
	 * @param source resolves the bundled encoders' {@code classpath:} URIs
	 * @param cache where embeddings are cached
	 */
	public HeadFitter(ArtifactSource source, EmbeddingCache cache) {
		this(source, cache, FitProgress.NONE);
	}

	private HeadFitter(ArtifactSource source, EmbeddingCache cache, FitProgress progress) {
		this.source = Objects.requireNonNull(source, "source");
		this.cache = Objects.requireNonNull(cache, "cache");
		this.progress = Objects.requireNonNull(progress, "progress");
	}

	/**
	 * Returns this fitter reporting its progress to a listener, which may stop a fit by
	 * throwing.
	 * @param progress the listener
	 * @return a fitter like this one, reporting to {@code progress}
	 */
	public HeadFitter withProgress(FitProgress progress) {
		return new HeadFitter(this.source, this.cache, progress);
	}

	/**
	 * Returns a fitter over the default artifact source and cache directory.
	 * @return the fitter
	 */
	public static HeadFitter withDefaults() {
		DefaultArtifactSource source = DefaultArtifactSource.create();
		return new HeadFitter(source, new EmbeddingCache(source.cache().directory()));
	}

	/**
	 * Fits an encoder head on a training file and writes the head file: the one call to
	 * make a bundled encoder a classifier.
	 * @param trainFile the labelled data (see {@link LabelledDataset#read})
	 * @param encoder the bundled encoder
	 * @param headFile where to write the head
	 * @param settings how to fit
	 * @return the result
	 * @throws IOException if the data or the encoder cannot be read, or the head cannot
	 * be written
	 */
	public FitResult fitEncoderHead(Path trainFile, BundledEncoder encoder, Path headFile, FitSettings settings)
			throws IOException {
		LabelledDataset data = LabelledDataset.read(trainFile);
		FitResult result;
		try (SentenceEncoder opened = SentenceEncoder.open(encoder, this.source, settings.ortOptions())) {
			result = fitEncoderHead(data, opened, settings);
		}
		HeadFiles.write(result.head(), headFile);
		logger.info("Wrote {} head for {} on {} to {}: held-out accuracy {}", HeadKind.ENCODER_LINEAR.id(),
				encoder.id(), data.name(), headFile, String.format("%.4f", result.heldOutAccuracy()));
		return result;
	}

	/**
	 * Fits a lexical head on a training file and writes the head file.
	 * @param trainFile the labelled data (see {@link LabelledDataset#read})
	 * @param spec the feature settings
	 * @param headFile where to write the head
	 * @param settings how to fit
	 * @return the result
	 * @throws IOException if the data cannot be read or the head cannot be written
	 */
	public FitResult fitLexicalHead(Path trainFile, LexicalSpec spec, Path headFile, FitSettings settings)
			throws IOException {
		LabelledDataset data = LabelledDataset.read(trainFile);
		FitResult result = fitLexicalHead(data, spec, settings);
		HeadFiles.write(result.head(), headFile);
		logger.info("Wrote {} head on {} to {}: held-out accuracy {}", HeadKind.LEXICAL_LINEAR.id(), data.name(),
				headFile, String.format("%.4f", result.heldOutAccuracy()));
		return result;
	}

	/**
	 * Fits an encoder head on a data set with an open encoder. Embeddings come from the
	 * cache when it holds this encoder and data set.
	 * @param data the labelled data, at least two labels
	 * @param encoder the encoder
	 * @param settings how to fit
	 * @return the result
	 * @throws IOException if the embedding cache cannot be read or written
	 */
	public FitResult fitEncoderHead(LabelledDataset data, SentenceEncoder encoder, FitSettings settings)
			throws IOException {
		long start = System.nanoTime();
		Embeddings embeddings = this.cache.embeddings(encoder, data.sha256(), data.inputs(), settings.batchSize(),
				settings.threads(), this.progress);
		Duration featureTime = Duration.ofNanos(System.nanoTime() - start);
		EncoderIdentity identity = encoder.identity();
		Map<String, String> libraries = libraries(true);
		return fit(data, new DenseRows(embeddings.vectors()), settings, featureTime, (model, provenance) -> {
			LinearHead head = new LinearHead(data.labels(), model.weights(), model.bias());
			return new HeadFile(HeadKind.ENCODER_LINEAR, head, identity, null, provenance);
		}, libraries);
	}

	/**
	 * Fits a lexical head on a data set.
	 * @param data the labelled data, at least two labels
	 * @param spec the feature settings
	 * @param settings how to fit
	 * @return the result
	 */
	public FitResult fitLexicalHead(LabelledDataset data, LexicalSpec spec, FitSettings settings) {
		LexicalRows.requireHeadFits(spec, data.labels().size());
		long start = System.nanoTime();
		LexicalRows features = LexicalRows.of(spec, data.inputs());
		Duration featureTime = Duration.ofNanos(System.nanoTime() - start);
		return fit(data, features.rows(), settings, featureTime,
				(model, provenance) -> new HeadFile(HeadKind.LEXICAL_LINEAR, features.head(data.labels(), model), null,
						spec, provenance),
				libraries(false));
	}

	private FitResult fit(LabelledDataset data, FeatureRows rows, FitSettings settings, Duration featureTime,
			HeadBuilder builder, Map<String, String> libraries) {
		int classes = data.labels().size();
		if (classes < 2) {
			throw new IllegalArgumentException("Data set " + data.name() + " has fewer than two labels");
		}
		long start = System.nanoTime();
		int[] labels = data.labelIndices();
		HeldOutSplit split = HeldOutSplit.stratified(labels, classes, settings.heldOutFraction(), settings.seed());
		if (split.heldOut().length == 0) {
			throw new IllegalArgumentException("Data set " + data.name() + " is too small to hold rows out");
		}
		L2Selection selection = L2Selection.choose(rows, Targets.hard(labels, classes), split, settings.l2Grid(),
				settings.optimizer(), this.progress);
		FitResult.GridPoint chosen = selection.chosen();
		Duration fitTime = Duration.ofNanos(System.nanoTime() - start);
		TrainingProvenance provenance = new TrainingProvenance(data.name(), data.sha256(), data.size(),
				split.heldOut().length, settings.seed(), chosen.l2(), strengths(selection), chosen.heldOutAccuracy(),
				chosen.heldOutLogLoss(),
				settings.optimizer().describe() + "; L2 chosen by held-out log-loss, then refitted on all rows",
				settings.command(), Instant.now(), libraries);
		HeadFile head = builder.build(selection.model(), provenance);
		logger.info("Fitted {} head on {} ({} rows, {} labels): l2 {}, held-out accuracy {}", head.kind().id(),
				data.name(), data.size(), classes, chosen.l2(), String.format("%.4f", chosen.heldOutAccuracy()));
		return new FitResult(head, chosen.l2(), chosen.heldOutAccuracy(), chosen.heldOutLogLoss(), selection.grid(),
				featureTime, fitTime);
	}

	private static List<Double> strengths(L2Selection selection) {
		return selection.grid().stream().map(FitResult.GridPoint::l2).toList();
	}

	/**
	 * Returns the versions of the libraries a head was fitted with, for its provenance.
	 * @param withInference whether an encoder (DJL, ONNX Runtime) computed the features
	 * @return library names and versions
	 */
	public static Map<String, String> libraries(boolean withInference) {
		Map<String, String> versions = new TreeMap<>();
		versions.put("java", System.getProperty("java.version", "unknown"));
		Properties properties = new Properties();
		try (InputStream in = HeadFitter.class.getResourceAsStream("/dev/tango/runtime/version.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// versions are informative only
		}
		versions.put("tango", properties.getProperty("version", "unknown"));
		if (withInference) {
			versions.put("djl", properties.getProperty("djl", "unknown"));
			versions.put("onnxruntime", properties.getProperty("onnxruntime", "unknown"));
		}
		return versions;
	}

	@FunctionalInterface
	private interface HeadBuilder {

		HeadFile build(SoftmaxRegression.Model model, TrainingProvenance provenance);

	}

}
