package dev.tango.runtime.head;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tango.runtime.json.JsonDocuments;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a head file in one pass, so that its size in memory is about that of its floats
 * rather than of a tree with a node per number: {@code bias} and {@code weights} go from
 * the parser straight into float arrays ({@link StreamedFloats}), the other fields of the
 * format ({@link #TREE_FIELDS}, small) into a tree for {@link JsonObject}'s checks, and
 * unknown fields are skipped. The document must be valid JSON within
 * {@link JsonDocuments}'s limits, a single object; a field given twice keeps its last
 * value, as a tree would.
 */
final class HeadStream {

	/**
	 * The fields of the root object read as a tree: every field of the format but
	 * {@code bias} and {@code weights}. A field that {@link HeadReader} reads must be
	 * here, or it would read as missing.
	 */
	private static final Set<String> TREE_FIELDS = Set.of("format", "version", "kind", "labels", "dimension", "encoder",
			"lexical", "training");

	private HeadStream() {
	}

	/**
	 * Reads a head file's document.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the document, its streamed fields not yet judged
	 * @throws JsonFormatException if the stream is not a JSON object or breaks a limit
	 * @throws IOException if the stream cannot be read
	 */
	static Document read(InputStream in, String source) throws IOException {
		try (JsonParser parser = JsonDocuments.parser(in)) {
			return read(parser, source);
		}
		catch (JacksonException ex) {
			throw JsonDocuments.invalid(source, ex);
		}
	}

	private static Document read(JsonParser parser, String source) throws JsonFormatException {
		JsonToken first = parser.nextToken();
		if (first != JsonToken.START_OBJECT) {
			if (first != null) {
				parser.skipChildren();
				requireEnd(parser, source);
			}
			throw new JsonFormatException(source + ": expected a JSON object");
		}
		ObjectNode fields = JsonNodeFactory.instance.objectNode();
		StreamedField<StreamedFloats> bias = StreamedField.missing();
		StreamedField<List<StreamedFloats>> weights = StreamedField.missing();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "bias" -> bias = (value == JsonToken.START_ARRAY)
						? StreamedField.of(StreamedFloats.numbers(parser, size(fields.get("labels"))))
						: notAnArray(parser, value);
				case "weights" -> weights = (value == JsonToken.START_ARRAY)
						? StreamedField.of(rows(parser, integer(fields.get("dimension")), source))
						: notAnArray(parser, value);
				default -> {
					if (TREE_FIELDS.contains(name)) {
						fields.set(name, parser.<JsonNode>readValueAsTree());
					}
					else {
						parser.skipChildren();
					}
				}
			}
		}
		requireEnd(parser, source);
		return new Document(JsonObject.root(fields, source), bias, weights);
	}

	private static List<StreamedFloats> rows(JsonParser parser, int dimension, String source)
			throws JsonFormatException {
		List<StreamedFloats> rows = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != null
				&& token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			try {
				rows.add(StreamedFloats.row(parser, dimension));
			}
			catch (StreamedFloats.InvalidBase64 ex) {
				throw new JsonFormatException(
						source + ": $.weights[" + rows.size() + "]: invalid base64: " + ex.getMessage(), ex.getCause());
			}
		}
		return rows;
	}

	private static <T> StreamedField<T> notAnArray(JsonParser parser, JsonToken value) throws JacksonException {
		parser.skipChildren();
		return (value == JsonToken.VALUE_NULL) ? StreamedField.missing() : StreamedField.notAnArray();
	}

	/** The size of an array read before, as a hint for allocation; 0 if none. */
	private static int size(@Nullable JsonNode node) {
		return (node != null && node.isArray()) ? node.size() : 0;
	}

	/** A positive integer read before, as a hint for allocation; 0 if none. */
	private static int integer(@Nullable JsonNode node) {
		return (node != null && node.isIntegralNumber() && node.canConvertToInt()) ? Math.max(node.asInt(), 0) : 0;
	}

	private static void requireEnd(JsonParser parser, String source) throws JsonFormatException {
		JsonToken extra = parser.nextToken();
		if (extra != null) {
			throw new JsonFormatException(
					source + ": not valid JSON: Trailing token (`JsonToken." + extra + "`) found after the root value");
		}
	}

	/**
	 * A head file's document as read: its fields other than {@code bias} and
	 * {@code weights}, and those two as streamed.
	 *
	 * @param fields the root object's other fields
	 * @param bias the {@code bias} field: an array of numbers
	 * @param weights the {@code weights} field: an array of rows
	 */
	record Document(JsonObject fields, StreamedField<StreamedFloats> bias,
			StreamedField<List<StreamedFloats>> weights) {

	}

}
