package dev.tango.bench.cascade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.tango.bench.report.TextFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the bench and writing JSON files: indented, UTF-8, ending with a
 * line break.
 */
public final class Json {

	/** The mapper. */
	public static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Json() {
	}

	/**
	 * Returns a JSON value as it is written to files.
	 * @param node the value
	 * @return its UTF-8 text, indented, with a final line break
	 */
	public static byte[] bytes(JsonNode node) {
		return (MAPPER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Writes a JSON value to a file, creating its folder.
	 * @param node the value
	 * @param file the file, replaced if it exists
	 * @throws IOException if the file cannot be written
	 */
	public static void write(JsonNode node, Path file) throws IOException {
		TextFiles.write(file, MAPPER.writeValueAsString(node) + "\n");
	}

}
