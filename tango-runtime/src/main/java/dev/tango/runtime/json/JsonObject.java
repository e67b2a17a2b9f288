package dev.tango.runtime.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A read-only view of a JSON object that knows where it is ({@code file: $.tiers[1]}), so
 * that every error names the file and the field. Missing required fields, wrong types and
 * out-of-range numbers raise {@link JsonFormatException}, and so does a document over
 * {@value #MAX_DOCUMENT_BYTES} bytes or {@value #MAX_TOKENS} tokens.
 */
public final class JsonObject {

	/**
	 * The most bytes of one document read: Tango's own files (heads, descriptors,
	 * configurations) take a few MB, a lexical head of {@code 2^24} buckets about 90 MB a
	 * label; a larger document read as a tree would be held in memory many times over.
	 */
	public static final long MAX_DOCUMENT_BYTES = 256L * 1024 * 1024;

	/**
	 * The most tokens of one document: a head of a million weights has about as many; a
	 * document of empty arrays would otherwise make a node of each.
	 */
	public static final long MAX_TOKENS = 32_000_000;

	private final JsonNode node;

	private final String source;

	private final String path;

	private JsonObject(JsonNode node, String source, String path) {
		this.node = node;
		this.source = source;
		this.path = path;
	}

	/**
	 * Parses a stream holding one JSON object.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages, such as its URI
	 * @return the object
	 * @throws JsonFormatException if the stream is not a JSON object
	 * @throws IOException if the stream cannot be read
	 */
	public static JsonObject parse(InputStream in, String source) throws IOException {
		JsonNode root;
		try {
			root = JsonDocuments.MAPPER.readTree(in);
		}
		catch (JacksonException ex) {
			throw JsonDocuments.invalid(source, ex);
		}
		return root(root, source);
	}

	/**
	 * Parses a stream holding one JSON object of a versioned Tango file format: its
	 * {@code format} field must equal the given id and its {@code version} field (at
	 * least 1) the given version.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages, such as its URI
	 * @param format the expected format id
	 * @param version the version this library reads
	 * @return the object
	 * @throws JsonFormatException if the stream is not a JSON object of that format and
	 * version
	 * @throws IOException if the stream cannot be read
	 */
	public static JsonObject parse(InputStream in, String source, String format, int version) throws IOException {
		JsonObject root = parse(in, source);
		root.requireFormat(format, version);
		return root;
	}

	/**
	 * Checks that this object is the root of a versioned Tango file format: its
	 * {@code format} field equals the given id and its {@code version} field (at least 1)
	 * the given version.
	 * @param format the expected format id
	 * @param version the version this library reads
	 * @throws JsonFormatException if the object is not of that format and version
	 */
	public void requireFormat(String format, int version) throws JsonFormatException {
		String actualFormat = string("format");
		if (!format.equals(actualFormat)) {
			throw error("format", "expected '" + format + "', was '" + actualFormat + "'");
		}
		int actualVersion = integer("version", 1);
		if (actualVersion != version) {
			throw error("version", "this library reads version " + version + ", the file is version " + actualVersion);
		}
	}

	/**
	 * Wraps a parsed JSON value that must be an object.
	 * @param node the value
	 * @param source a name of its origin for messages
	 * @return the object
	 * @throws JsonFormatException if the value is not an object
	 */
	public static JsonObject root(@Nullable JsonNode node, String source) throws JsonFormatException {
		if (node == null || !node.isObject()) {
			throw new JsonFormatException(source + ": expected a JSON object");
		}
		return new JsonObject(node, source, "$");
	}

	/**
	 * Returns the underlying node.
	 * @return the node
	 */
	public JsonNode node() {
		return this.node;
	}

	/**
	 * Returns the field names.
	 * @return the names
	 */
	public Collection<String> fieldNames() {
		return this.node.propertyNames();
	}

	/**
	 * Returns whether a field is present and not {@code null}.
	 * @param field the field
	 * @return whether it has a value
	 */
	public boolean has(String field) {
		JsonNode value = this.node.get(field);
		return value != null && !value.isNull();
	}

	/**
	 * Returns a required string field.
	 * @param field the field
	 * @return its value
	 * @throws JsonFormatException if it is missing or not a string
	 */
	public String string(String field) throws JsonFormatException {
		return required(field, optString(field));
	}

	/**
	 * Returns an optional string field.
	 * @param field the field
	 * @return its value, or {@code null} if absent
	 * @throws JsonFormatException if present but not a string
	 */
	public @Nullable String optString(String field) throws JsonFormatException {
		JsonNode value = value(field, JsonNode::isString, "expected a string");
		return (value != null) ? value.asString() : null;
	}

	/**
	 * Returns a required integer field.
	 * @param field the field
	 * @param min the smallest allowed value
	 * @return its value
	 * @throws JsonFormatException if missing, not an integer, or below {@code min}
	 */
	public int integer(String field, int min) throws JsonFormatException {
		requirePresent(field);
		return optInteger(field, min, 0);
	}

	/**
	 * Returns an optional integer field.
	 * @param field the field
	 * @param min the smallest allowed value
	 * @param fallback the value if absent
	 * @return its value
	 * @throws JsonFormatException if present but not an integer or below {@code min}
	 */
	public int optInteger(String field, int min, int fallback) throws JsonFormatException {
		JsonNode value = value(field, (node) -> node.isIntegralNumber() && node.canConvertToInt(),
				"expected an integer");
		if (value == null) {
			return fallback;
		}
		int result = value.asInt();
		if (result < min) {
			throw error(field, "must be at least " + min + ", was " + result);
		}
		return result;
	}

	/**
	 * Returns a required long integer field.
	 * @param field the field
	 * @return its value
	 * @throws JsonFormatException if missing or not an integer
	 */
	public long longInteger(String field) throws JsonFormatException {
		JsonNode value = value(field, (node) -> node.isIntegralNumber() && node.canConvertToLong(),
				"expected an integer");
		return required(field, value).asLong();
	}

	/**
	 * Returns a required finite number field.
	 * @param field the field
	 * @return its value
	 * @throws JsonFormatException if missing or not a finite number
	 */
	public double number(String field) throws JsonFormatException {
		requirePresent(field);
		return optNumber(field, Double.NaN);
	}

	/**
	 * Returns an optional number field.
	 * @param field the field
	 * @param fallback the value if absent
	 * @return its value
	 * @throws JsonFormatException if present but not a number
	 */
	public double optNumber(String field, double fallback) throws JsonFormatException {
		JsonNode value = value(field, JsonNode::isNumber, "expected a number");
		if (value == null) {
			return fallback;
		}
		double result = value.asDouble();
		if (!Double.isFinite(result)) {
			throw error(field, "must be finite");
		}
		return result;
	}

	/**
	 * Returns an optional boolean field.
	 * @param field the field
	 * @param fallback the value if absent
	 * @return its value
	 * @throws JsonFormatException if present but not a boolean
	 */
	public boolean optBoolean(String field, boolean fallback) throws JsonFormatException {
		JsonNode value = value(field, JsonNode::isBoolean, "expected true or false");
		return (value != null) ? value.asBoolean() : fallback;
	}

	/**
	 * Returns a required boolean field.
	 * @param field the field
	 * @return its value
	 * @throws JsonFormatException if missing or not a boolean
	 */
	public boolean bool(String field) throws JsonFormatException {
		requirePresent(field);
		return optBoolean(field, false);
	}

	/**
	 * Returns a required object field.
	 * @param field the field
	 * @return its value
	 * @throws JsonFormatException if missing or not an object
	 */
	public JsonObject object(String field) throws JsonFormatException {
		return required(field, optObject(field));
	}

	/**
	 * Returns an optional object field.
	 * @param field the field
	 * @return its value, or {@code null} if absent
	 * @throws JsonFormatException if present but not an object
	 */
	public @Nullable JsonObject optObject(String field) throws JsonFormatException {
		JsonNode value = value(field, JsonNode::isObject, "expected an object");
		return (value != null) ? new JsonObject(value, this.source, this.path + "." + field) : null;
	}

	/**
	 * Returns a required array field.
	 * @param field the field
	 * @return its elements
	 * @throws JsonFormatException if missing or not an array
	 */
	public List<JsonNode> array(String field) throws JsonFormatException {
		JsonNode value = required(field, value(field, JsonNode::isArray, "expected an array"));
		List<JsonNode> elements = new ArrayList<>(value.size());
		value.forEach(elements::add);
		return elements;
	}

	/**
	 * Returns a required array of objects.
	 * @param field the field
	 * @return the objects
	 * @throws JsonFormatException if missing, not an array, or an element is not an
	 * object
	 */
	public List<JsonObject> objects(String field) throws JsonFormatException {
		List<JsonNode> elements = array(field);
		List<JsonObject> objects = new ArrayList<>(elements.size());
		for (int i = 0; i < elements.size(); i++) {
			JsonNode element = elements.get(i);
			String elementPath = this.path + "." + field + "[" + i + "]";
			if (!element.isObject()) {
				throw new JsonFormatException(this.source + ": " + elementPath + ": expected an object");
			}
			objects.add(new JsonObject(element, this.source, elementPath));
		}
		return objects;
	}

	/**
	 * Returns a required array of strings.
	 * @param field the field
	 * @return the strings
	 * @throws JsonFormatException if missing, not an array, or an element is not a string
	 */
	public List<String> strings(String field) throws JsonFormatException {
		List<JsonNode> elements = array(field);
		List<String> strings = new ArrayList<>(elements.size());
		for (int i = 0; i < elements.size(); i++) {
			if (!elements.get(i).isString()) {
				throw error(field + "[" + i + "]", "expected a string");
			}
			strings.add(elements.get(i).asString());
		}
		return strings;
	}

	/**
	 * Returns an error about a field of this object.
	 * @param field the field
	 * @param message what is wrong
	 * @return the exception, to be thrown
	 */
	public JsonFormatException error(String field, String message) {
		return new JsonFormatException(this.source + ": " + this.path + "." + field + ": " + message);
	}

	/**
	 * Returns an error about this object.
	 * @param message what is wrong
	 * @return the exception, to be thrown
	 */
	public JsonFormatException error(String message) {
		return new JsonFormatException(this.source + ": " + this.path + ": " + message);
	}

	private void requirePresent(String field) throws JsonFormatException {
		required(field, value(field));
	}

	private <T> T required(String field, @Nullable T value) throws JsonFormatException {
		if (value == null) {
			throw error(field, "required");
		}
		return value;
	}

	private @Nullable JsonNode value(String field, Predicate<JsonNode> accepted, String expected)
			throws JsonFormatException {
		JsonNode value = value(field);
		if (value != null && !accepted.test(value)) {
			throw error(field, expected);
		}
		return value;
	}

	private @Nullable JsonNode value(String field) {
		JsonNode value = this.node.get(field);
		return (value == null || value.isNull()) ? null : value;
	}

}
