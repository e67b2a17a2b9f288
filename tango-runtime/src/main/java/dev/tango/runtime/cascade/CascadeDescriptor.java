package dev.tango.runtime.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tango.core.confidence.ConfidenceMeasures;
import dev.tango.core.cascade.StageSettings;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Label;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import dev.tango.runtime.onnx.ActivationQuantization;
import dev.tango.runtime.onnx.GraphOptimization;
import dev.tango.runtime.onnx.OrtOptions;
import tools.jackson.databind.JsonNode;

/**
 * Reads cascade descriptors: JSON files (format {@value #FORMAT}, version
 * {@value #VERSION}) listing tiers, cheapest first, by kind and artifact URIs, with their
 * routing settings, into a {@link CascadeSpec}. See the module README for the format.
 * Each tier is checked by its {@link TierKind}; URIs are kept as written.
 */
public final class CascadeDescriptor {

	/** The format id. */
	public static final String FORMAT = "tango-cascade";

	/** The format version. */
	public static final int VERSION = 1;

	/**
	 * The optional field naming the cascade's labels, by identifier, with display names.
	 */
	private static final String LABELS = "labels";

	private static final List<String> DIRECTORY_FILES = List.of("model", "tokenizer", "config");

	private final TierKinds kinds;

	/**
	 * Creates a reader that checks tiers against the given kinds.
	 * @param kinds the installed tier kinds
	 */
	public CascadeDescriptor(TierKinds kinds) {
		this.kinds = kinds;
	}

	/**
	 * Parses and validates a descriptor against the installed kinds (without opening any
	 * artifact).
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the cascade
	 * @throws JsonFormatException if the descriptor is invalid
	 * @throws IOException if the stream cannot be read
	 */
	public static CascadeSpec parse(InputStream in, String source) throws IOException {
		return new CascadeDescriptor(TierKinds.installed()).read(in, source);
	}

	/**
	 * Parses and validates a descriptor (without opening any artifact).
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the cascade
	 * @throws JsonFormatException if the descriptor is invalid
	 * @throws IOException if the stream cannot be read
	 */
	public CascadeSpec read(InputStream in, String source) throws IOException {
		JsonObject root = JsonObject.parse(in, source, FORMAT, VERSION);
		String name = root.string("name");
		if (name.isBlank()) {
			throw root.error("name", "must not be blank");
		}
		List<JsonObject> tierNodes = root.objects("tiers");
		if (tierNodes.isEmpty()) {
			throw root.error("tiers", "at least one tier is required");
		}
		List<Label> labels = root.has(LABELS) ? labels(root) : List.of();
		List<TierSpec> tiers = new ArrayList<>();
		for (int i = 0; i < tierNodes.size(); i++) {
			tiers.add(tier(tierNodes.get(i), labels, i == tierNodes.size() - 1));
		}
		return new CascadeSpec(name, tiers);
	}

	private TierSpec tier(JsonObject node, List<Label> labels, boolean last) throws JsonFormatException {
		TierKind kind;
		try {
			kind = this.kinds.get(node.string("kind"));
		}
		catch (InvalidTierSpecException ex) {
			throw node.error(ex.setting(), ex.problem());
		}
		for (String field : node.fieldNames()) {
			boolean usedByAnyKind = field.equals("directory") || this.kinds.all()
				.stream()
				.anyMatch((other) -> other.artifactRoles().contains(field) || other.optionNames().contains(field));
			boolean usedByThisKind = kind.artifactRoles().contains(field) || kind.optionNames().contains(field)
					|| (field.equals("directory") && takesDirectory(kind));
			if (usedByAnyKind && !usedByThisKind) {
				throw node.error(field, "not used by a " + kind.name() + " tier");
			}
		}
		Map<String, TierArtifact> artifacts = artifacts(node, kind);
		Map<String, String> options = new LinkedHashMap<>();
		for (String option : kind.optionNames()) {
			JsonNode value = node.node().get(option);
			if (value != null && !value.isNull()) {
				options.put(option, value.isString() ? value.asString() : value.toString());
			}
		}
		OrtOptions ort = onnxRuntime(node.optObject("onnxRuntime"));
		Integer batchSize = node.has("batchSize") ? node.integer("batchSize", 1) : null;
		ConfidenceMeasure measure;
		try {
			String confidence = node.optString("confidence");
			measure = (confidence != null) ? ConfidenceMeasures.of(confidence) : ConfidenceMeasure.MAX_PROBABILITY;
		}
		catch (IllegalArgumentException ex) {
			throw node.error("confidence", ex.getMessage());
		}
		double temperature = node.optNumber("temperature", 1.0);
		if (!last && !node.has("threshold")) {
			throw node.error("threshold", "required for every tier but the last");
		}
		double threshold = node.optNumber("threshold", 0.0);
		try {
			StageSettings settings = new StageSettings((batchSize != null) ? batchSize : 1, measure, temperature,
					threshold);
			TierSpec spec = new TierSpec(kind.name(), node.optString("name"), artifacts, labels, options, ort,
					batchSize, settings, Duration.ZERO);
			this.kinds.validate(spec);
			return spec;
		}
		catch (InvalidTierSpecException ex) {
			throw node.error(ex.setting(), ex.problem());
		}
		catch (IllegalArgumentException ex) {
			throw node.error(ex.getMessage());
		}
	}

	/**
	 * Reads the cascade's labels: each a string (the identifier) or an object with an
	 * {@code id} and an optional {@code displayName}.
	 */
	private static List<Label> labels(JsonObject root) throws JsonFormatException {
		List<JsonNode> elements = root.array(LABELS);
		List<Label> labels = new ArrayList<>(elements.size());
		for (int i = 0; i < elements.size(); i++) {
			JsonNode element = elements.get(i);
			String field = LABELS + "[" + i + "]";
			try {
				if (element.isString()) {
					labels.add(Label.of(element.asString()));
				}
				else if (element.isObject()) {
					JsonObject label = JsonObject.root(element, field);
					labels.add(new Label(label.string("id"), label.optString("displayName")));
				}
				else {
					throw root.error(field, "expected a label identifier or an object with 'id' and 'displayName'");
				}
			}
			catch (IllegalArgumentException ex) {
				throw root.error(field, ex.getMessage());
			}
		}
		try {
			return Label.distinct(labels);
		}
		catch (IllegalArgumentException ex) {
			throw root.error(LABELS, ex.getMessage());
		}
	}

	private static boolean takesDirectory(TierKind kind) {
		return kind.artifactRoles().containsAll(DIRECTORY_FILES);
	}

	private static Map<String, TierArtifact> artifacts(JsonObject node, TierKind kind) throws JsonFormatException {
		Map<String, String> uris = new LinkedHashMap<>();
		for (String role : kind.artifactRoles()) {
			String uri = node.optString(role);
			if (uri != null) {
				uris.put(role, uri);
			}
		}
		String directory = node.optString("directory");
		if (directory != null) {
			if (DIRECTORY_FILES.stream().anyMatch(uris::containsKey)) {
				throw node.error("give 'directory' or 'model', 'tokenizer' and 'config', not both");
			}
			String base = directory.endsWith("/") ? directory : directory + "/";
			uris.put("model", base + "model.onnx");
			uris.put("tokenizer", base + "tokenizer.json");
			uris.put("config", base + "config.json");
		}
		String modelSha256 = node.optString("modelSha256");
		if (modelSha256 != null && !Sha256.isValid(modelSha256)) {
			throw node.error("modelSha256", "expected 64 lower-case hexadecimal characters");
		}
		if (modelSha256 != null && !uris.containsKey("model")) {
			throw node.error("modelSha256", "given without a 'model'");
		}
		Map<String, TierArtifact> artifacts = new LinkedHashMap<>();
		uris.forEach(
				(role, uri) -> artifacts.put(role, new TierArtifact(uri, role.equals("model") ? modelSha256 : null)));
		return artifacts;
	}

	private static OrtOptions onnxRuntime(JsonObject node) throws JsonFormatException {
		OrtOptions defaults = OrtOptions.defaults();
		if (node == null) {
			return defaults;
		}
		try {
			String optimization = node.optString("optimization");
			String quantization = node.optString("activationQuantization");
			return new OrtOptions(node.optInteger("intraOpThreads", 1, defaults.intraOpThreads()),
					node.optInteger("interOpThreads", 1, defaults.interOpThreads()),
					(optimization != null) ? GraphOptimization.of(optimization) : defaults.optimization(),
					node.optBoolean("memoryArena", defaults.memoryArena()),
					node.optInteger("concurrency", 1, defaults.concurrency()), (quantization != null)
							? ActivationQuantization.of(quantization) : defaults.activationQuantization());
		}
		catch (IllegalArgumentException ex) {
			throw node.error(ex.getMessage());
		}
	}

}
