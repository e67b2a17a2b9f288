package dev.tango.train.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.text.TextTokenizer;
import dev.tango.runtime.text.TokenBatch;
import dev.tango.train.distil.DistillationRecord;
import dev.tango.train.distil.Teacher;
import dev.tango.train.loop.ClassificationLoss;
import dev.tango.train.loop.GradMode;
import dev.tango.train.loop.TrainingResult;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.train.transformer.EncoderClassifier;
import dev.tango.train.transformer.OnnxEncoderWeights;
import org.jspecify.annotations.Nullable;

/**
 * A classifier that {@link FineTuner#train} has trained, still on the PyTorch engine: it
 * predicts, and exports itself to the files the runtime serves. Owns the model and the
 * tokenizer and closes them. Not thread-safe.
 */
public final class TunedClassifier implements AutoCloseable {

	private static final int PREDICTION_BATCH = 32;

	private final FineTuneRequest request;

	private final Model model;

	private final EncoderClassifier classifier;

	private final OnnxModel graph;

	private final OnnxEncoderWeights weights;

	private final @Nullable Path publishedInt8;

	private final TextTokenizer tokenizer;

	private final Path tokenizerFile;

	private final FineTuneData data;

	private final double probeAccuracy;

	private final TrainingResult result;

	private final long startNanos;

	private final ProcessUsage startUsage;

	TunedClassifier(FineTuneRequest request, Model model, EncoderClassifier classifier, OnnxModel graph,
			OnnxEncoderWeights weights, @Nullable Path publishedInt8, TextTokenizer tokenizer, Path tokenizerFile,
			FineTuneData data, double probeAccuracy, TrainingResult result, long startNanos, ProcessUsage startUsage) {
		this.request = request;
		this.model = model;
		this.classifier = classifier;
		this.graph = graph;
		this.weights = weights;
		this.publishedInt8 = publishedInt8;
		this.tokenizer = tokenizer;
		this.tokenizerFile = tokenizerFile;
		this.data = data;
		this.probeAccuracy = probeAccuracy;
		this.result = result;
		this.startNanos = startNanos;
		this.startUsage = startUsage;
	}

	/**
	 * Returns how the training ended.
	 * @return the result
	 */
	public TrainingResult result() {
		return this.result;
	}

	/**
	 * Returns the classes, in the order of the probabilities.
	 * @return the labels
	 */
	public List<String> labels() {
		return this.data.labels();
	}

	/**
	 * Classifies inputs with the trained weights, in inference mode (no dropout, nothing
	 * recorded for gradients on the calling thread, whichever it is), as one padded batch
	 * tokenised as the served tier tokenises them.
	 * @param inputs the texts or pairs, at least one
	 * @return each input's class probabilities (softmax of the logits), in label order
	 */
	public float[][] probabilities(List<TextInput> inputs) {
		TokenBatch batch = this.tokenizer.encodeBatch(inputs);
		try (GradMode off = GradMode.off(); NDManager scope = this.model.getNDManager().newSubManager()) {
			Shape shape = new Shape(batch.size(), batch.sequenceLength());
			NDList tokens = new NDList(scope.create(batch.inputIds(), shape),
					scope.create(batch.attentionMask(), shape), scope.create(batch.typeIds(), shape));
			NDArray logits = this.classifier.forward(new ParameterStore(scope, false), tokens, false)
				.singletonOrThrow();
			float[] flat = logits.softmax(1).toFloatArray();
			int classes = this.data.labels().size();
			float[][] rows = new float[inputs.size()][classes];
			for (int i = 0; i < rows.length; i++) {
				System.arraycopy(flat, i * classes, rows[i], 0, classes);
			}
			return rows;
		}
	}

	/**
	 * Writes the trained classifier as the runtime serves it, with its provenance.
	 * @param folder the folder, created if missing; files of the same names are replaced
	 * @return the files written
	 * @throws IOException if a file cannot be written
	 */
	public ExportedTier export(Path folder) throws IOException {
		ProcessUsage usage = ProcessUsage.now();
		FineTuneProvenance provenance = new FineTuneProvenance(this.request.name(), this.request.encoder().identity(),
				this.data.trainRows().name(), this.data.trainRows().sha256(), this.data.trainRows().size(),
				this.data.heldOutRows().name(), this.data.heldOutRows().sha256(), this.data.heldOutRows().size(),
				this.data.labels(), this.request.settings(), this.request.dropout(),
				this.request.freezeWordEmbeddings(), this.weights.config().layers(),
				(this.request.teacher() != null) ? this.request.teacher().id() : null, this.request.augment(),
				this.probeAccuracy, this.result, Duration.ofNanos(System.nanoTime() - this.startNanos),
				usage.cpuSince(this.startUsage), usage.peakResidentBytes(), this.request.command(), Instant.now(),
				libraries());
		return TierExport.write(this.classifier, this.graph, this.weights, this.publishedInt8, this.tokenizerFile,
				provenance, distillation(), folder);
	}

	/**
	 * Returns how a student was distilled, measured on the held-out rows: the teacher's
	 * predictions against the labels and the trained student's against the teacher's;
	 * {@code null} without a teacher.
	 */
	private @Nullable Distillation distillation() {
		Teacher teacher = this.request.teacher();
		if (teacher == null) {
			return null;
		}
		LabelledDataset heldOut = this.data.heldOutRows();
		List<TextInput> inputs = heldOut.inputs();
		ClassificationLoss loss = this.request.settings().loss();
		double[][] taught = teacher.probabilities(inputs, loss.temperature(), (done, total) -> {
		});
		int[] teacherPredicted = new int[inputs.size()];
		int[] studentPredicted = new int[inputs.size()];
		for (int from = 0; from < inputs.size(); from += PREDICTION_BATCH) {
			float[][] rows = probabilities(inputs.subList(from, Math.min(inputs.size(), from + PREDICTION_BATCH)));
			for (int k = 0; k < rows.length; k++) {
				double[] scores = new double[rows[k].length];
				for (int c = 0; c < scores.length; c++) {
					scores[c] = rows[k][c];
				}
				studentPredicted[from + k] = DistillationRecord.predicted(scores);
				teacherPredicted[from + k] = DistillationRecord.predicted(taught[from + k]);
			}
		}
		return DistillationRecord.of(teacher, loss.temperature(), loss.hardWeight(), this.request.unlabelled(),
				this.request.augment(), this.data.augmentedRows(), heldOut.labelIndices(this.data.labels(), -1),
				teacherPredicted, studentPredicted, this.data.teacherTime(), this.result.wallTime());
	}

	private Map<String, String> libraries() {
		return Map.of("java", System.getProperty("java.version", "unknown"), "djl", Engine.getDjlVersion(), "pytorch",
				this.model.getNDManager().getEngine().getVersion());
	}

	/** Closes the model (freeing its native memory) and the tokenizer. */
	@Override
	public void close() {
		try {
			this.model.close();
		}
		finally {
			this.tokenizer.close();
		}
	}

}
