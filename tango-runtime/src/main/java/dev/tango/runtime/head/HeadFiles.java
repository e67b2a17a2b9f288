package dev.tango.runtime.head;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tango.runtime.io.AtomicFiles;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes head files: JSON with format id {@value #FORMAT}, version
 * {@value #VERSION}, as described in {@code HEAD_FORMAT.md}.
 *
 * <p>
 * Reading validates everything: the format and version, the kind and its section, that
 * the labels are distinct, that {@code weights} is {@code C × D} and {@code bias} has
 * {@code C} values, all finite, and that {@code D} matches the encoder's dimension or the
 * number of lexical buckets. Weight rows are written as JSON numbers up to
 * {@value #MAX_NUMERIC_ROW} columns and as base64 of little-endian float32 beyond; both
 * forms are read. Floats round-trip exactly.
 */
public final class HeadFiles {

	/** The format id. */
	public static final String FORMAT = "tango-linear-head";

	/** The format version this library writes and reads. */
	public static final int VERSION = 1;

	/** Rows with more columns than this are written as base64. */
	public static final int MAX_NUMERIC_ROW = 4096;

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private HeadFiles() {
	}

	/**
	 * Reads and validates a head file.
	 * @param file the file
	 * @return the head
	 * @throws JsonFormatException if the file is not a valid head file
	 * @throws IOException if the file cannot be read
	 */
	public static HeadFile read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in, file.toString());
		}
	}

	/**
	 * Reads and validates a head file.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the head
	 * @throws JsonFormatException if the stream is not a valid head file
	 * @throws IOException if the stream cannot be read
	 */
	public static HeadFile read(InputStream in, String source) throws IOException {
		JsonObject root = JsonObject.parse(in, source, FORMAT, VERSION);
		HeadKind kind;
		try {
			kind = HeadKind.of(root.string("kind"));
		}
		catch (IllegalArgumentException ex) {
			throw root.error("kind", ex.getMessage());
		}
		List<String> labels = root.strings("labels");
		int dimension = root.integer("dimension", 1);
		float[][] weights = weights(root, labels.size(), dimension);
		float[] bias = floats(root, "bias", root.array("bias"), labels.size());
		EncoderIdentity encoder = null;
		EncoderDelta delta = null;
		LexicalSpec lexical = null;
		if (kind == HeadKind.ENCODER_LINEAR) {
			JsonObject encoderNode = root.object("encoder");
			encoder = encoder(encoderNode);
			JsonObject deltaNode = encoderNode.optObject("delta");
			delta = (deltaNode != null) ? delta(deltaNode) : null;
		}
		else {
			lexical = lexical(root.object("lexical"));
		}
		JsonObject trainingNode = root.optObject("training");
		TrainingProvenance training = (trainingNode != null) ? training(trainingNode) : null;
		try {
			return new HeadFile(kind, new LinearHead(labels, weights, bias), encoder, lexical, training, delta);
		}
		catch (IllegalArgumentException ex) {
			throw root.error(ex.getMessage());
		}
	}

	private static float[][] weights(JsonObject root, int classes, int dimension) throws JsonFormatException {
		List<JsonNode> rows = root.array("weights");
		if (rows.size() != classes) {
			throw root.error("weights", "expected " + classes + " rows (one per label), found " + rows.size());
		}
		float[][] weights = new float[classes][];
		for (int c = 0; c < classes; c++) {
			JsonNode row = rows.get(c);
			String field = "weights[" + c + "]";
			if (row.isString()) {
				weights[c] = decodeRow(root, field, row.asString(), dimension);
			}
			else if (row.isArray()) {
				List<JsonNode> values = new ArrayList<>(row.size());
				row.forEach(values::add);
				weights[c] = floats(root, field, values, dimension);
			}
			else {
				throw root.error(field, "expected an array of numbers or a base64 string");
			}
		}
		return weights;
	}

	private static float[] decodeRow(JsonObject root, String field, String base64, int dimension)
			throws JsonFormatException {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw root.error(field, "invalid base64: " + ex.getMessage());
		}
		if (bytes.length != 4L * dimension) {
			throw root.error(field, "expected " + dimension + " float32 values, found " + bytes.length + " bytes");
		}
		float[] row = new float[dimension];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
		for (float value : row) {
			if (!Float.isFinite(value)) {
				throw root.error(field, "holds a non-finite value");
			}
		}
		return row;
	}

	private static float[] floats(JsonObject root, String field, List<JsonNode> values, int expected)
			throws JsonFormatException {
		if (values.size() != expected) {
			throw root.error(field, "expected " + expected + " values, found " + values.size());
		}
		float[] result = new float[expected];
		for (int i = 0; i < expected; i++) {
			JsonNode value = values.get(i);
			if (!value.isNumber()) {
				throw root.error(field + "[" + i + "]", "expected a number");
			}
			result[i] = value.floatValue();
			if (!Float.isFinite(result[i])) {
				throw root.error(field + "[" + i + "]", "must be a finite float");
			}
		}
		return result;
	}

	private static EncoderIdentity encoder(JsonObject node) throws JsonFormatException {
		return valid(node,
				() -> new EncoderIdentity(node.string("id"), node.string("onnxSha256"),
						Pooling.of(node.string("pooling")), node.bool("normalize"), node.integer("maxTokens", 4),
						node.integer("dimension", 1)));
	}

	private static EncoderDelta delta(JsonObject node) throws JsonFormatException {
		return valid(node, () -> new EncoderDelta(node.string("base"), node.string("file"), node.string("sha256")));
	}

	private static LexicalSpec lexical(JsonObject node) throws JsonFormatException {
		return valid(node,
				() -> new LexicalSpec(node.integer("bucketBits", 1), node.integer("maxNgram", 1),
						LexicalSpec.Weighting.of(node.string("weighting")), node.string("hash"),
						node.integer("seed", Integer.MIN_VALUE)));
	}

	/**
	 * Makes a value of an object's fields, turning the {@link IllegalArgumentException}
	 * with which the value refuses them into an error about the object.
	 */
	private static <T> T valid(JsonObject node, FieldReader<T> reader) throws JsonFormatException {
		try {
			return reader.read();
		}
		catch (IllegalArgumentException ex) {
			throw node.error(ex.getMessage());
		}
	}

	/** Reads a value from a JSON object's fields. */
	@FunctionalInterface
	private interface FieldReader<T> {

		T read() throws JsonFormatException;

	}

	private static TrainingProvenance training(JsonObject node) throws JsonFormatException {
		List<Double> grid = new ArrayList<>();
		for (JsonNode value : node.array("l2Grid")) {
			if (!value.isNumber()) {
				throw node.error("l2Grid", "expected numbers");
			}
			grid.add(value.asDouble());
		}
		Instant timestamp;
		try {
			timestamp = Instant.parse(node.string("timestamp"));
		}
		catch (DateTimeParseException ex) {
			throw node.error("timestamp", "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z");
		}
		Map<String, String> libraries = new TreeMap<>();
		JsonObject libs = node.optObject("libraries");
		if (libs != null) {
			for (String name : libs.fieldNames()) {
				libraries.put(name, libs.string(name));
			}
		}
		JsonObject distillation = node.optObject("distillation");
		return new TrainingProvenance(node.string("dataset"), node.string("datasetSha256"), node.integer("rows", 0),
				node.optInteger("heldOutRows", 0, 0), node.longInteger("seed"), node.number("l2"), grid,
				node.optNumber("heldOutAccuracy", Double.NaN), node.optNumber("heldOutLogLoss", Double.NaN),
				node.string("optimizer"), node.optString("command"), timestamp, libraries,
				(distillation != null) ? distillation(distillation) : null);
	}

	private static Distillation distillation(JsonObject node) throws JsonFormatException {
		return valid(node,
				() -> new Distillation(node.string("teacher"), node.number("temperature"), node.number("alpha"),
						node.optString("unlabelled"), node.optString("unlabelledSha256"),
						node.optInteger("unlabelledRows", 0, 0), node.optInteger("augmentPerText", 0, 0),
						node.optInteger("augmentedRows", 0, 0), node.optNumber("teacherHeldOutAccuracy", Double.NaN),
						node.optNumber("heldOutAgreement", Double.NaN), node.optNumber("teacherSeconds", Double.NaN),
						node.optNumber("fitSeconds", Double.NaN)));
	}

	/**
	 * Writes a head file atomically (to a temporary file moved into place).
	 * @param head the head
	 * @param file the file, replaced if it exists
	 * @throws IOException if the file cannot be written
	 */
	public static void write(HeadFile head, Path file) throws IOException {
		AtomicFiles.replace(file, (temp) -> {
			try (OutputStream out = Files.newOutputStream(temp)) {
				write(head, out);
			}
		});
	}

	/**
	 * Writes a head file.
	 * @param head the head
	 * @param out the stream (not closed)
	 * @throws IOException if the stream cannot be written
	 */
	public static void write(HeadFile head, OutputStream out) throws IOException {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("format", FORMAT);
		root.put("version", VERSION);
		root.put("kind", head.kind().id());
		LinearHead linear = head.head();
		ArrayNode labels = root.putArray("labels");
		linear.labels().forEach(labels::add);
		root.put("dimension", linear.dimension());
		EncoderIdentity encoder = head.encoder();
		if (encoder != null) {
			ObjectNode node = root.putObject("encoder");
			node.put("id", encoder.id());
			node.put("onnxSha256", encoder.onnxSha256());
			node.put("pooling", encoder.pooling().id());
			node.put("normalize", encoder.normalize());
			node.put("maxTokens", encoder.maxTokens());
			node.put("dimension", encoder.dimension());
			EncoderDelta delta = head.encoderDelta();
			if (delta != null) {
				ObjectNode deltaNode = node.putObject("delta");
				deltaNode.put("base", delta.base());
				deltaNode.put("file", delta.file());
				deltaNode.put("sha256", delta.sha256());
			}
		}
		LexicalSpec lexical = head.lexical();
		if (lexical != null) {
			ObjectNode node = root.putObject("lexical");
			node.put("bucketBits", lexical.bucketBits());
			node.put("maxNgram", lexical.maxNgram());
			node.put("weighting", lexical.weighting().id());
			node.put("hash", lexical.hash());
			node.put("seed", lexical.seed());
		}
		TrainingProvenance training = head.training();
		if (training != null) {
			root.set("training", training(training));
		}
		ArrayNode bias = root.putArray("bias");
		for (float b : linear.bias()) {
			bias.add(b);
		}
		ArrayNode weights = root.putArray("weights");
		for (float[] row : linear.weights()) {
			if (row.length > MAX_NUMERIC_ROW) {
				ByteBuffer bytes = ByteBuffer.allocate(4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
				bytes.asFloatBuffer().put(row);
				weights.add(Base64.getEncoder().encodeToString(bytes.array()));
			}
			else {
				ArrayNode values = weights.addArray();
				for (float w : row) {
					values.add(w);
				}
			}
		}
		DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
			.withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance());
		MAPPER.writer().with(printer).writeValue(out, root);
	}

	private static ObjectNode training(TrainingProvenance training) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("dataset", training.dataset());
		node.put("datasetSha256", training.datasetSha256());
		node.put("rows", training.rows());
		node.put("heldOutRows", training.heldOutRows());
		node.put("seed", training.seed());
		node.put("l2", training.l2());
		ArrayNode grid = node.putArray("l2Grid");
		training.l2Grid().forEach(grid::add);
		putFinite(node, "heldOutAccuracy", training.heldOutAccuracy());
		putFinite(node, "heldOutLogLoss", training.heldOutLogLoss());
		node.put("optimizer", training.optimizer());
		if (training.command() != null) {
			node.put("command", training.command());
		}
		node.put("timestamp", training.timestamp().toString());
		ObjectNode libraries = node.putObject("libraries");
		new TreeMap<>(training.libraries()).forEach(libraries::put);
		Distillation distillation = training.distillation();
		if (distillation != null) {
			node.set("distillation", distillation(distillation));
		}
		return node;
	}

	private static ObjectNode distillation(Distillation distillation) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("teacher", distillation.teacher());
		node.put("temperature", distillation.temperature());
		node.put("alpha", distillation.alpha());
		if (distillation.unlabelled() != null) {
			node.put("unlabelled", distillation.unlabelled());
			node.put("unlabelledSha256", distillation.unlabelledSha256());
		}
		node.put("unlabelledRows", distillation.unlabelledRows());
		if (distillation.augmentPerText() > 0) {
			node.put("augmentPerText", distillation.augmentPerText());
			node.put("augmentedRows", distillation.augmentedRows());
		}
		putFinite(node, "teacherHeldOutAccuracy", distillation.teacherHeldOutAccuracy());
		putFinite(node, "heldOutAgreement", distillation.heldOutAgreement());
		putFinite(node, "teacherSeconds", distillation.teacherSeconds());
		putFinite(node, "fitSeconds", distillation.fitSeconds());
		return node;
	}

	private static void putFinite(ObjectNode node, String field, double value) {
		if (Double.isFinite(value)) {
			node.put(field, value);
		}
	}

}
