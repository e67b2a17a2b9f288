package dev.tango.runtime.json;

import java.io.InputStream;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Tango reads its own JSON files: one configuration, with the limits of
 * {@link JsonObject#MAX_DOCUMENT_BYTES} bytes and {@link JsonObject#MAX_TOKENS} tokens
 * (and Jackson's default limits on nesting, numbers and strings), whether a document is
 * read whole as a tree ({@link JsonObject#parse}) or streamed token by token
 * ({@link #parser}) so that its bulk goes straight into arrays.
 */
public final class JsonDocuments {

	static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxDocumentLength(JsonObject.MAX_DOCUMENT_BYTES)
				.maxTokenCount(JsonObject.MAX_TOKENS)
				.build())
			.build())
		.build();

	/**
	 * Where Jackson describes a source in a message: a parenthesis naming it, to the end.
	 */
	private static final Pattern SOURCE_DESCRIPTION = Pattern.compile("\\s*\\([^()]*\\[Source: .*", Pattern.DOTALL);

	private JsonDocuments() {
	}

	/**
	 * Opens a streaming parser over one JSON document under the same limits as
	 * {@link JsonObject#parse}: it throws a {@link JacksonException} as soon as the
	 * document breaks JSON's syntax or a limit. A value of it can be read as a tree with
	 * {@link JsonParser#readValueAsTree()}. Not thread-safe.
	 * @param in the stream, left open when the parser is closed
	 * @return the parser, to be closed by the caller
	 * @throws JacksonException if the stream cannot be read
	 */
	public static JsonParser parser(InputStream in) throws JacksonException {
		return MAPPER.reader().without(StreamReadFeature.AUTO_CLOSE_SOURCE).createParser(in);
	}

	/**
	 * Returns the error for a document that is not valid JSON, or that breaks a limit.
	 * @param source a name of the document for messages, such as its URI
	 * @param ex what the parser threw
	 * @return the exception, to be thrown, naming the source
	 */
	public static JsonFormatException invalid(String source, JacksonException ex) {
		return new JsonFormatException(source + ": not valid JSON: " + describe(ex), ex);
	}

	/**
	 * Describes what a JSON reader threw, for people: its message without the description
	 * of its source that Jackson puts in (such as {@code (for Object starting at [Source:
	 * REDACTED ...])}), followed by the line and column where the document broke, when
	 * the reader knew them.
	 * @param ex what the reader threw
	 * @return such as {@code Unexpected close marker ']': expected '}' (line 3, column
	 * 7)}
	 */
	public static String describe(JacksonException ex) {
		String message = withoutSource(ex);
		TokenStreamLocation at = ex.getLocation();
		return (at != null && at.getLineNr() > 0)
				? message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : message;
	}

	/**
	 * Returns what a JSON reader threw without the description of its source that Jackson
	 * puts in its message, for a document whose lines the caller counts itself.
	 * @param ex what the reader threw
	 * @return its message, such as {@code Unexpected close marker ']': expected '}'}
	 */
	public static String withoutSource(JacksonException ex) {
		return SOURCE_DESCRIPTION.matcher(ex.getOriginalMessage()).replaceFirst("");
	}

}
