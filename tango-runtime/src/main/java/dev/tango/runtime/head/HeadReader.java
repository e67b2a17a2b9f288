package dev.tango.runtime.head;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates a head file (see {@link HeadFiles}): {@link HeadStream} reads the
 * document, then its fields are judged in the format's order, the first problem thrown as
 * a {@link JsonFormatException} naming the file and the field.
 */
final class HeadReader {

	private HeadReader() {
	}

	/**
	 * Reads and validates a head file.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the head
	 * @throws JsonFormatException if the stream is not a valid head file
	 * @throws IOException if the stream cannot be read
	 */
	static HeadFile read(InputStream in, String source) throws IOException {
		HeadStream.Document document = HeadStream.read(in, source);
		JsonObject root = document.fields();
		root.requireFormat(HeadFiles.FORMAT, HeadFiles.VERSION);
		HeadKind kind;
		try {
			kind = HeadKind.of(root.string("kind"));
		}
		catch (IllegalArgumentException ex) {
			throw root.error("kind", ex.getMessage());
		}
		List<String> labels = root.strings("labels");
		int dimension = root.integer("dimension", 1);
		float[][] weights = weights(root, document.weights().require(root, "weights"), labels.size(), dimension);
		float[] bias = document.bias().require(root, "bias").numbers(root, "bias", labels.size());
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

	private static float[][] weights(JsonObject root, List<StreamedFloats> rows, int classes, int dimension)
			throws JsonFormatException {
		if (rows.size() != classes) {
			throw root.error("weights", "expected " + classes + " rows (one per label), found " + rows.size());
		}
		float[][] weights = new float[classes][];
		for (int c = 0; c < classes; c++) {
			weights[c] = rows.get(c).row(root, "weights[" + c + "]", dimension);
		}
		return weights;
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

}
