package dev.tango.train.finetune;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.io.AtomicFiles;
import dev.tango.train.loop.TrainingResult;
import dev.tango.train.loop.TrainingSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a fine-tuned encoder was made, so that the run can be reproduced and judged;
 * written as JSON ({@code <name>.training.json}) beside the exported files.
 *
 * @param name the fine-tuned encoder's id
 * @param base the encoder it started from
 * @param dataset the training data set's name
 * @param datasetSha256 the SHA-256 of the training data (of the file, or of the rows for
 * a subset)
 * @param rows the rows trained on
 * @param heldOutDataset the held-out rows' name (the dev set's, or the training set's
 * held-out part)
 * @param heldOutSha256 their digest
 * @param heldOutRows their number
 * @param labels the classes, in the head's order
 * @param settings the hyper-parameters of the loop, the seed included
 * @param dropout the dropout probability in training
 * @param freezeWordEmbeddings whether the word embeddings were left as they were
 * @param layers the encoder layers trained and exported (all of the base's, or its first
 * ones)
 * @param teacher the id of the teacher distilled from, or {@code null} for hard labels
 * alone
 * @param augment with a teacher, the augmented variants asked of each text trained on;
 * recorded in the hyper-parameters when above 0, as the heads' distillation records it
 * @param probeHeldOutAccuracy the held-out accuracy of the linear head fitted on the
 * frozen encoder, which fine-tuning started from, in {@code [0, 1]}
 * @param training how the loop ended: steps, best held-out accuracy and its step, and the
 * step this process resumed from
 * @param wallTime the time of the whole run in this process: tokenising, the linear
 * probe, training and export
 * @param cpuTime the CPU time of this process over the same span
 * @param peakResidentBytes the process's peak resident memory, or {@code -1} if unknown
 * @param command the command line or call, or {@code null}
 * @param timestamp when the run ended
 * @param libraries the versions of the libraries involved
 */
public record FineTuneProvenance(String name, EncoderIdentity base, String dataset, String datasetSha256, int rows,
		String heldOutDataset, String heldOutSha256, int heldOutRows, List<String> labels, TrainingSettings settings,
		float dropout, boolean freezeWordEmbeddings, int layers, @Nullable String teacher, int augment,
		double probeHeldOutAccuracy, TrainingResult training, Duration wallTime, Duration cpuTime,
		long peakResidentBytes, @Nullable String command, Instant timestamp, Map<String, String> libraries) {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	public FineTuneProvenance {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(base, "base");
		labels = List.copyOf(labels);
		libraries = Map.copyOf(libraries);
	}

	/**
	 * Returns the mean time of a step in this process, evaluations and checkpoints
	 * included.
	 * @return seconds per step, NaN when no step ran here
	 */
	public double secondsPerStep() {
		long steps = this.training.steps() - this.training.resumedFromStep();
		return (steps > 0) ? this.training.wallTime().toNanos() / 1e9 / steps : Double.NaN;
	}

	/**
	 * Writes the provenance as JSON, atomically, with the deltas the tier ships as, if
	 * any, as {@code deltas}: each one's file name, SHA-256, size, base encoder and the
	 * base's SHA-256, and how many initializers it replaces.
	 * @param file the file, replaced if it exists
	 * @param deltas the exported deltas, float32 first, none when the tier has none
	 * @throws IOException if it cannot be written
	 */
	public void write(Path file, List<ExportedDelta> deltas) throws IOException {
		ObjectNode root = toJson();
		ArrayNode nodes = root.putArray("deltas");
		for (ExportedDelta delta : deltas) {
			ObjectNode node = nodes.addObject();
			node.put("file", delta.file().getFileName().toString());
			node.put("sha256", delta.sha256());
			node.put("bytes", Files.size(delta.file()));
			node.put("base", delta.base().id());
			node.put("baseOnnxSha256", delta.base().identity().onnxSha256());
			node.put("changedInitializers", delta.changedInitializers());
		}
		AtomicFiles.replace(file, (temp) -> {
			try (OutputStream out = Files.newOutputStream(temp)) {
				MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
			}
		});
	}

	ObjectNode toJson() {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("name", this.name);
		ObjectNode base = root.putObject("base");
		base.put("id", this.base.id());
		base.put("onnxSha256", this.base.onnxSha256());
		ObjectNode data = root.putObject("data");
		data.put("dataset", this.dataset);
		data.put("datasetSha256", this.datasetSha256);
		data.put("rows", this.rows);
		data.put("heldOutDataset", this.heldOutDataset);
		data.put("heldOutSha256", this.heldOutSha256);
		data.put("heldOutRows", this.heldOutRows);
		ArrayNode labels = data.putArray("labels");
		this.labels.forEach(labels::add);
		ObjectNode hyper = recordJson(this.settings);
		hyper.put("dropout", this.dropout);
		hyper.put("freezeWordEmbeddings", this.freezeWordEmbeddings);
		hyper.put("layers", this.layers);
		if (this.teacher != null) {
			hyper.put("teacher", this.teacher);
		}
		if (this.augment > 0) {
			hyper.put("augment", this.augment);
		}
		hyper.put("headStart", "linear head fitted on the frozen encoder's embeddings (L-BFGS)");
		root.set("hyperParameters", hyper);
		ObjectNode result = root.putObject("result");
		result.put("status", this.training.status().name());
		result.put("steps", this.training.steps());
		result.put("resumedFromStep", this.training.resumedFromStep());
		putFinite(result, "heldOutAccuracy", this.training.bestHeldOutAccuracy());
		result.put("bestStep", this.training.bestStep());
		result.put("skippedSteps", this.training.skippedSteps());
		putFinite(result, "probeHeldOutAccuracy", this.probeHeldOutAccuracy);
		ObjectNode cost = root.putObject("cost");
		cost.put("wallSeconds", this.wallTime.toMillis() / 1000.0);
		cost.put("trainingWallSeconds", this.training.wallTime().toMillis() / 1000.0);
		putFinite(cost, "secondsPerStep", secondsPerStep());
		cost.put("cpuSeconds", this.cpuTime.toMillis() / 1000.0);
		cost.put("peakResidentBytes", this.peakResidentBytes);
		if (this.command != null) {
			root.put("command", this.command);
		}
		root.put("timestamp", this.timestamp.toString());
		ObjectNode libraries = root.putObject("libraries");
		new TreeMap<>(this.libraries).forEach(libraries::put);
		return root;
	}

	private static ObjectNode recordJson(Record value) {
		ObjectNode node = MAPPER.createObjectNode();
		for (RecordComponent component : value.getClass().getRecordComponents()) {
			Object field;
			try {
				field = component.getAccessor().invoke(value);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("Cannot read " + component.getName() + " of " + value, ex);
			}
			if (field instanceof Record nested) {
				node.set(component.getName(), recordJson(nested));
			}
			else if (field instanceof Integer || field instanceof Long) {
				node.put(component.getName(), ((Number) field).longValue());
			}
			else if (field instanceof Number number) {
				node.put(component.getName(), number.doubleValue());
			}
			else {
				node.put(component.getName(), String.valueOf(field));
			}
		}
		return node;
	}

	private static void putFinite(ObjectNode node, String field, double value) {
		if (Double.isFinite(value)) {
			node.put(field, value);
		}
	}

}
