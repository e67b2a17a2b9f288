package dev.tango.runtime.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import dev.tango.core.tier.Activation;
import dev.tango.runtime.io.InputFiles;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * What Tango reads from a HuggingFace {@code config.json} of a sequence classifier.
 *
 * <ul>
 * <li>{@code id2label} (required): an object from {@code "0"} … {@code "C-1"} to label
 * names, giving the order of the logits;</li>
 * <li>{@code problem_type}: {@code multi_label_classification} gives
 * {@link Activation#SIGMOID}; absent or {@code single_label_classification} gives
 * {@link Activation#SOFTMAX}; {@code regression} is refused;</li>
 * <li>{@code max_position_embeddings}: bounds the input length; RoBERTa-family models
 * ({@code model_type} {@code roberta}, {@code xlm-roberta}, {@code camembert}) reserve 2
 * positions for padding offsets.</li>
 * </ul>
 *
 * @param labels the labels in logit order
 * @param activation how logits become probabilities
 * @param maxPositions the most tokens the model reads, or {@code null} if the file does
 * not say
 */
public record ClassifierConfig(List<String> labels, Activation activation, @Nullable Integer maxPositions) {

	public ClassifierConfig {
		labels = List.copyOf(labels);
		Objects.requireNonNull(activation, "activation");
		if (labels.isEmpty()) {
			throw new IllegalArgumentException("A classifier needs at least one label");
		}
	}

	/**
	 * Reads a {@code config.json} file.
	 * @param file the file
	 * @return the configuration
	 * @throws JsonFormatException if the file lacks what a classifier needs
	 * @throws IOException if the file cannot be read
	 */
	public static ClassifierConfig read(Path file) throws IOException {
		try (InputStream in = InputFiles.open(file)) {
			return read(in, file.toString());
		}
	}

	/**
	 * Reads a {@code config.json} stream.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the configuration
	 * @throws JsonFormatException if the stream lacks what a classifier needs
	 * @throws IOException if the stream cannot be read
	 */
	public static ClassifierConfig read(InputStream in, String source) throws IOException {
		JsonObject root = JsonObject.parse(in, source);
		JsonObject id2label = root.object("id2label");
		TreeMap<Integer, String> byId = new TreeMap<>();
		for (String key : id2label.fieldNames()) {
			int id;
			try {
				id = Integer.parseInt(key);
			}
			catch (NumberFormatException ex) {
				throw id2label.error(key, "keys must be label indices 0, 1, …");
			}
			byId.put(id, id2label.string(key));
		}
		List<String> labels = new ArrayList<>(byId.values());
		if (labels.isEmpty() || byId.firstKey() != 0 || byId.lastKey() != labels.size() - 1) {
			throw root.error("id2label", "keys must be exactly 0 … " + (labels.size() - 1) + ", were " + byId.keySet());
		}
		if (labels.stream().distinct().count() != labels.size()) {
			throw root.error("id2label", "labels are not distinct: " + labels);
		}
		String problemType = root.optString("problem_type");
		Activation activation;
		if (problemType == null || problemType.equals("single_label_classification")) {
			activation = Activation.SOFTMAX;
		}
		else if (problemType.equals("multi_label_classification")) {
			activation = Activation.SIGMOID;
		}
		else {
			throw root.error("problem_type", "'" + problemType + "' is not a classification problem type");
		}
		Integer maxPositions = null;
		if (root.has("max_position_embeddings")) {
			int positions = root.integer("max_position_embeddings", 3);
			String modelType = root.optString("model_type");
			boolean offset = modelType != null && List.of("roberta", "xlm-roberta", "camembert")
				.contains(modelType.toLowerCase(java.util.Locale.ROOT));
			maxPositions = offset ? positions - 2 : positions;
		}
		return new ClassifierConfig(labels, activation, maxPositions);
	}

}
