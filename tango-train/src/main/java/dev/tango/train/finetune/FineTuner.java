package dev.tango.train.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import ai.djl.Model;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.encoder.SentenceEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.train.fit.EmbeddingCache;
import dev.tango.train.fit.FitResult;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeadFitter;
import dev.tango.train.loop.ExampleEncoder;
import dev.tango.train.loop.Trainer;
import dev.tango.train.loop.TrainingListener;
import dev.tango.train.loop.TrainingResult;
import dev.tango.train.onnx.EncoderTruncation;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.train.transformer.BertEncoder;
import dev.tango.train.transformer.EncoderClassifier;
import dev.tango.train.transformer.OnnxEncoderWeights;
import dev.tango.train.transformer.TrainableEncoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a trainable encoder with a linear head on labelled texts or pairs, end to
 * end, and exports the result as an {@code encoder-linear} tier.
 *
 * <p>
 * A run: the rows are split into trained and held-out ones ({@link FineTuneData}) and
 * tokenised with the encoder's tokenizer at the encoder's maximum length (the length the
 * tier serves with); with {@link FineTuneRequest#layers()} set, the encoder's graph is
 * cut to its first layers ({@link EncoderTruncation}), which are what is trained and
 * exported; a linear head is fitted on the frozen encoder's embeddings of the trained
 * rows ({@link HeadFitter}, a linear probe), so that training starts from a working
 * classifier rather than a random head, which the unit-norm sentence vectors of some
 * encoders make slow to train; then the {@link Trainer} trains encoder and head together
 * with the request's settings and ends with the weights of the best held-out evaluation.
 * With a checkpoint directory, a run that was killed or cancelled resumes from its last
 * checkpoint when run again with the same request.
 *
 * <p>
 * A run may be on any thread (the {@link Trainer} sets the engine's per-thread grad mode
 * itself). Not thread-safe otherwise: one run at a time per process (DJL's PyTorch
 * gradient collector allows one collection at a time, whichever the thread).
 */
public final class FineTuner {

	private static final Logger logger = LoggerFactory.getLogger(FineTuner.class);

	private final ArtifactSource source;

	private final Path embeddingCache;

	/**
	 * Creates a fine-tuner.
	 * @param source resolves the encoders' files
	 * @param embeddingCache where the linear probe caches embeddings
	 */
	public FineTuner(ArtifactSource source, Path embeddingCache) {
		this.source = source;
		this.embeddingCache = embeddingCache;
	}

	/**
	 * Returns a fine-tuner on the default artifact source and its cache.
	 * @return the fine-tuner
	 */
	public static FineTuner withDefaults() {
		DefaultArtifactSource source = DefaultArtifactSource.create();
		return new FineTuner(source, source.cache().directory());
	}

	/**
	 * Trains and, unless cancelled, exports.
	 * @param request what to train
	 * @param folder where to export (see {@link ExportedTier})
	 * @param listener receives the loop's progress after every step, and the teacher's
	 * while it scores the texts trained on
	 * @param cancelled checked between steps
	 * @return how training ended and the files, {@code null} when cancelled (nothing is
	 * exported; the checkpoint resumes the run)
	 * @throws IOException if a file cannot be read or written
	 */
	public Outcome run(FineTuneRequest request, Path folder, TrainingListener listener, BooleanSupplier cancelled)
			throws IOException {
		try (TunedClassifier tuned = train(request, listener, cancelled)) {
			if (tuned.result().status() == TrainingResult.Status.CANCELLED) {
				return new Outcome(tuned.result(), null);
			}
			return new Outcome(tuned.result(), tuned.export(folder));
		}
	}

	/**
	 * Trains, resuming from the request's checkpoint directory when it holds a checkpoint
	 * of the same run.
	 * @param request what to train
	 * @param listener receives the loop's progress after every step, and the teacher's
	 * while it scores the texts trained on
	 * @param cancelled checked between steps
	 * @return the trained classifier, to be closed by the caller
	 * @throws IOException if a file cannot be read, or a checkpoint read or written
	 * @throws IllegalStateException if the checkpoint directory holds another run's
	 * checkpoint
	 */
	public TunedClassifier train(FineTuneRequest request, TrainingListener listener, BooleanSupplier cancelled)
			throws IOException {
		long start = System.nanoTime();
		ProcessUsage usage = ProcessUsage.now();
		TrainableEncoder encoder = request.encoder();
		EncoderIdentity identity = encoder.identity();
		Path modelFile = encoder.modelFile(this.source);
		Path tokenizerFile = encoder.tokenizerFile(this.source);
		OnnxModel full = OnnxModel.read(modelFile);
		OnnxModel graph = (request.layers() > 0) ? EncoderTruncation.firstLayers(full, request.layers()) : full;
		OnnxEncoderWeights weights = encoder.weights(graph);
		Path publishedInt8 = (graph == full) ? encoder.publishedInt8File(this.source) : null;
		TextTokenizer tokenizer = TextTokenizer.load(tokenizerFile, identity.maxTokens());
		Model model = null;
		try {
			FineTuneData data = FineTuneData.of(request, new ExampleEncoder(tokenizer), listener);
			FitResult probe = (graph == full) ? probe(request, data, identity, modelFile, tokenizerFile, listener)
					: probeStudent(request, data, graph, tokenizerFile, listener);
			logger.info("Linear probe on {}: held-out accuracy {}", identity.id(),
					String.format("%.4f", probe.heldOutAccuracy()));
			model = Model.newInstance(request.name(), "PyTorch");
			BertEncoder bert = weights.load(graph, model.getNDManager(), weights.config().layers(), request.dropout(),
					request.freezeWordEmbeddings());
			EncoderClassifier classifier = EncoderClassifier.withHead(bert, encoder.pooling(), probe.head().head(),
					request.dropout(), model.getNDManager());
			model.setBlock(classifier);
			TrainingResult result = new Trainer(model, request.settings(), request.checkpointDirectory())
				.fit(data.training(), listener, cancelled);
			logger.info("Fine-tuned {} on {}: {} after {} steps, best held-out accuracy {} at step {}", request.name(),
					request.train().name(), result.status(), result.steps(),
					String.format("%.4f", result.bestHeldOutAccuracy()), result.bestStep());
			return new TunedClassifier(request, model, classifier, graph, weights, publishedInt8, tokenizer,
					tokenizerFile, data, probe.heldOutAccuracy(), result, start, usage);
		}
		catch (IOException | RuntimeException ex) {
			if (model != null) {
				model.close();
			}
			tokenizer.close();
			throw ex;
		}
	}

	private FitResult probe(FineTuneRequest request, FineTuneData data, EncoderIdentity identity, Path modelFile,
			Path tokenizerFile, TrainingListener listener) throws IOException {
		FitSettings settings = FitSettings.defaults().withSeed(request.settings().seed());
		HeadFitter fitter = new HeadFitter(this.source, new EmbeddingCache(this.embeddingCache))
			.withProgress(listener::onProbeProgress);
		try (SentenceEncoder frozen = SentenceEncoder.open(identity, OnnxModelFile.of(modelFile), tokenizerFile,
				OrtOptions.defaults())) {
			return fitter.fitEncoderHead(data.trainRows(), frozen, settings);
		}
	}

	/**
	 * Fits the linear probe of a shallow student on its truncated graph, written to a
	 * temporary file.
	 */
	private FitResult probeStudent(FineTuneRequest request, FineTuneData data, OnnxModel student, Path tokenizerFile,
			TrainingListener listener) throws IOException {
		Path file = Files.createTempFile("tango-student", ".onnx");
		try {
			String sha256 = student.write(file);
			EncoderIdentity base = request.encoder().identity();
			EncoderIdentity identity = new EncoderIdentity(base.id() + "-first-" + request.layers(), sha256,
					base.pooling(), base.normalize(), base.maxTokens(), base.dimension());
			return probe(request, data, identity, file, tokenizerFile, listener);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * How a run ended.
	 *
	 * @param training how the training loop ended
	 * @param exported the files written, or {@code null} when the run was cancelled
	 */
	public record Outcome(TrainingResult training, @Nullable ExportedTier exported) {

	}

}
