package dev.tango.train.fit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import dev.tango.runtime.lexical.LexicalFeaturizer;
import dev.tango.runtime.lexical.SparseVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits linear heads on labelled text: multinomial logistic regression with L2
 * ({@link SoftmaxRegression}) on frozen-encoder embeddings or on lexical features.
 *
 * <p>
 * Procedure, the same for both: a stratified, seeded split holds out a share of each
 * label's rows ({@link HeldOutSplit}); a model is fitted on the rest for each L2 strength
 * of the grid, from the strongest to the weakest, each starting from the previous
 * solution; the strength with the lowest held-out log-loss wins (ties: the stronger),
 * log-loss rather than accuracy because the head's probabilities drive confidence gating
 * and log-loss judges them; the final head is refitted on all rows with that strength,
 * starting from the held-out fit. The held-out accuracy and log-loss reported are those
 * of the held-out fit. Deterministic for a seed.
 *
 * <p>
 * Encoder features are computed in length-sorted batches and cached
 * ({@link EmbeddingCache}); lexical features are fitted on the buckets that occur in the
 * data only (the others would stay exactly zero), then expanded to all buckets.
 */
public final class HeadFitter {

	private static final Logger logger = LoggerFactory.getLogger(HeadFitter.class);

	private final ArtifactSource source;

	private final EmbeddingCache cache;

	/**
	 * Creates a fitter.
	 * @param source resolves the bundled encoders' {@code classpath:} URIs
	 * @param cache where embeddings are cached
	 */
	public HeadFitter(ArtifactSource source, EmbeddingCache cache) {
		this.source = Objects.requireNonNull(source, "source");
		this.cache = Objects.requireNonNull(cache, "cache");
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
				settings.threads());
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
		long start = System.nanoTime();
		LexicalFeaturizer featurizer = new LexicalFeaturizer(spec);
		List<SparseVector> vectors = data.inputs().stream().map(featurizer::features).toList();
		int[] used = vectors.stream()
			.flatMapToInt((v) -> java.util.Arrays.stream(v.indices()))
			.distinct()
			.sorted()
			.toArray();
		int[] compact = new int[spec.buckets()];
		java.util.Arrays.fill(compact, -1);
		for (int k = 0; k < used.length; k++) {
			compact[used[k]] = k;
		}
		List<SparseVector> remapped = vectors.stream().map((v) -> {
			int[] indices = new int[v.size()];
			for (int k = 0; k < indices.length; k++) {
				indices[k] = compact[v.indices()[k]];
			}
			return new SparseVector(indices, v.values());
		}).toList();
		Duration featureTime = Duration.ofNanos(System.nanoTime() - start);
		return fit(data, new SparseRows(remapped, Math.max(1, used.length)), settings, featureTime,
				(model, provenance) -> {
					float[][] compactWeights = model.weights();
					float[][] weights = new float[compactWeights.length][spec.buckets()];
					for (int c = 0; c < weights.length; c++) {
						for (int k = 0; k < used.length; k++) {
							weights[c][used[k]] = compactWeights[c][k];
						}
					}
					LinearHead head = new LinearHead(data.labels(), weights, model.bias());
					return new HeadFile(HeadKind.LEXICAL_LINEAR, head, null, spec, provenance);
				}, libraries(false));
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
		FeatureRows train = select(rows, split.train());
		FeatureRows heldOut = select(rows, split.heldOut());
		int[] trainLabels = HeldOutSplit.select(labels, split.train());
		int[] heldOutLabels = HeldOutSplit.select(labels, split.heldOut());
		List<Double> grid = settings.l2Grid().stream().sorted(Comparator.reverseOrder()).toList();
		List<FitResult.GridPoint> points = new ArrayList<>();
		SoftmaxRegression.Model previous = null;
		SoftmaxRegression.Model best = null;
		FitResult.GridPoint bestPoint = null;
		for (double l2 : grid) {
			SoftmaxRegression.Model model = SoftmaxRegression.fit(train, trainLabels, classes, l2, previous,
					settings.optimizer());
			SoftmaxRegression.Evaluation evaluation = SoftmaxRegression.evaluate(model, heldOut, heldOutLabels);
			FitResult.GridPoint point = new FitResult.GridPoint(l2, evaluation.accuracy(), evaluation.logLoss(),
					model.iterations(), model.converged());
			logger.debug("l2 {}: held-out accuracy {}, log-loss {}, {} iterations", l2, evaluation.accuracy(),
					evaluation.logLoss(), model.iterations());
			points.add(point);
			if (bestPoint == null || point.heldOutLogLoss() < bestPoint.heldOutLogLoss()) {
				best = model;
				bestPoint = point;
			}
			previous = model;
		}
		SoftmaxRegression.Model finalModel = SoftmaxRegression.fit(rows, labels, classes, bestPoint.l2(), best,
				settings.optimizer());
		Duration fitTime = Duration.ofNanos(System.nanoTime() - start);
		TrainingProvenance provenance = new TrainingProvenance(data.name(), data.sha256(), data.size(),
				split.heldOut().length, settings.seed(), bestPoint.l2(), grid, bestPoint.heldOutAccuracy(),
				bestPoint.heldOutLogLoss(),
				settings.optimizer().describe() + "; L2 chosen by held-out log-loss, then refitted on all rows",
				settings.command(), Instant.now(), libraries);
		HeadFile head = builder.build(finalModel, provenance);
		logger.info("Fitted {} head on {} ({} rows, {} labels): l2 {}, held-out accuracy {}", head.kind().id(),
				data.name(), data.size(), classes, bestPoint.l2(), String.format("%.4f", bestPoint.heldOutAccuracy()));
		return new FitResult(head, bestPoint.l2(), bestPoint.heldOutAccuracy(), bestPoint.heldOutLogLoss(), points,
				featureTime, fitTime);
	}

	private static FeatureRows select(FeatureRows rows, int[] positions) {
		if (rows instanceof DenseRows dense) {
			return dense.select(positions);
		}
		if (rows instanceof SparseRows sparse) {
			return sparse.select(positions);
		}
		throw new IllegalArgumentException("Unsupported rows " + rows.getClass());
	}

	private static Map<String, String> libraries(boolean withInference) {
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
