package dev.tango.runtime.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * A cascade descriptor: a JSON file (format {@value #FORMAT}, version {@value #VERSION})
 * listing tiers, cheapest first, by kind and artifact URIs, with their routing settings.
 * See the module README for the format.
 *
 * @param name the cascade's name
 * @param tiers the tiers, at least one
 */
public record CascadeDescriptor(String name, List<TierDescriptor> tiers) {

	/** The format id. */
	public static final String FORMAT = "tango-cascade";

	/** The format version. */
	public static final int VERSION = 1;

	public CascadeDescriptor {
		Objects.requireNonNull(name, "name");
		tiers = List.copyOf(tiers);
		if (tiers.isEmpty()) {
			throw new IllegalArgumentException("A cascade needs at least one tier");
		}
	}

	/**
	 * Parses and validates a descriptor (without opening any artifact).
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the descriptor
	 * @throws JsonFormatException if the descriptor is invalid
	 * @throws IOException if the stream cannot be read
	 */
	public static CascadeDescriptor parse(InputStream in, String source) throws IOException {
		JsonObject root = JsonObject.parse(in, source);
		String format = root.string("format");
		if (!FORMAT.equals(format)) {
			throw root.error("format", "expected '" + FORMAT + "', was '" + format + "'");
		}
		int version = root.integer("version", 1);
		if (version != VERSION) {
			throw root.error("version", "this library reads version " + VERSION + ", the file is version " + version);
		}
		String name = root.string("name");
		List<JsonObject> tierNodes = root.objects("tiers");
		if (tierNodes.isEmpty()) {
			throw root.error("tiers", "at least one tier is required");
		}
		List<TierDescriptor> tiers = new ArrayList<>();
		for (int i = 0; i < tierNodes.size(); i++) {
			tiers.add(tier(tierNodes.get(i), i == tierNodes.size() - 1));
		}
		return new CascadeDescriptor(name, tiers);
	}

	private static TierDescriptor tier(JsonObject node, boolean last) throws JsonFormatException {
		TierKind kind;
		try {
			kind = TierKind.of(node.string("kind"));
		}
		catch (IllegalArgumentException ex) {
			throw node.error("kind", ex.getMessage());
		}
		String head = node.optString("head");
		String model = node.optString("model");
		String tokenizer = node.optString("tokenizer");
		String config = node.optString("config");
		String directory = node.optString("directory");
		String modelSha256 = node.optString("modelSha256");
		Integer maxTokens = node.has("maxTokens") ? node.integer("maxTokens", 4) : null;
		switch (kind) {
			case ENCODER_LINEAR -> {
				require(node, "head", head);
				if ((model == null) != (tokenizer == null)) {
					throw node.error("give both 'model' and 'tokenizer', or neither for a bundled encoder");
				}
				forbid(node, kind, "config", config, "directory", directory, "maxTokens", maxTokens, "modelSha256",
						modelSha256);
			}
			case LEXICAL_LINEAR -> {
				require(node, "head", head);
				forbid(node, kind, "model", model, "tokenizer", tokenizer, "config", config, "directory", directory,
						"maxTokens", maxTokens, "modelSha256", modelSha256);
			}
			case ONNX_CLASSIFIER -> {
				forbid(node, kind, "head", head);
				if (directory != null) {
					if (model != null || tokenizer != null || config != null) {
						throw node.error("give 'directory' or 'model', 'tokenizer' and 'config', not both");
					}
					String base = directory.endsWith("/") ? directory : directory + "/";
					model = base + "model.onnx";
					tokenizer = base + "tokenizer.json";
					config = base + "config.json";
				}
				require(node, "model", model);
				require(node, "tokenizer", tokenizer);
				require(node, "config", config);
			}
		}
		if (modelSha256 != null && !Sha256.isValid(modelSha256)) {
			throw node.error("modelSha256", "expected 64 lower-case hexadecimal characters");
		}
		OrtOptions ort = onnxRuntime(node.optObject("onnxRuntime"));
		Integer batchSize = node.has("batchSize") ? node.integer("batchSize", 1) : null;
		ConfidenceMeasure measure;
		try {
			String confidence = node.optString("confidence");
			measure = (confidence != null) ? TierSettings.measure(confidence) : ConfidenceMeasure.MAX_PROBABILITY;
		}
		catch (IllegalArgumentException ex) {
			throw node.error("confidence", ex.getMessage());
		}
		double temperature = node.optNumber("temperature", 1.0);
		if (!last && !node.has("threshold")) {
			throw node.error("threshold", "required for every tier but the last");
		}
		double threshold = node.optNumber("threshold", 0.0);
		TierSettings settings;
		try {
			settings = new TierSettings((batchSize != null) ? batchSize : 1, measure, temperature, threshold);
		}
		catch (IllegalArgumentException ex) {
			throw node.error(ex.getMessage());
		}
		return new TierDescriptor(kind, node.optString("name"), head, model, tokenizer, config, modelSha256, maxTokens,
				ort, batchSize, settings);
	}

	private static OrtOptions onnxRuntime(JsonObject node) throws JsonFormatException {
		OrtOptions defaults = OrtOptions.defaults();
		if (node == null) {
			return defaults;
		}
		try {
			String optimization = node.optString("optimization");
			return new OrtOptions(node.optInteger("intraOpThreads", 1, defaults.intraOpThreads()),
					node.optInteger("interOpThreads", 1, defaults.interOpThreads()),
					(optimization != null) ? GraphOptimization.of(optimization) : defaults.optimization(),
					node.optBoolean("memoryArena", defaults.memoryArena()),
					node.optInteger("concurrency", 1, defaults.concurrency()));
		}
		catch (IllegalArgumentException ex) {
			throw node.error(ex.getMessage());
		}
	}

	private static void require(JsonObject node, String field, Object value) throws JsonFormatException {
		if (value == null) {
			throw node.error(field, "required");
		}
	}

	private static void forbid(JsonObject node, TierKind kind, Object... fieldsAndValues) throws JsonFormatException {
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			if (fieldsAndValues[i + 1] != null) {
				throw node.error((String) fieldsAndValues[i], "not used by a " + kind.id() + " tier");
			}
		}
	}

}
