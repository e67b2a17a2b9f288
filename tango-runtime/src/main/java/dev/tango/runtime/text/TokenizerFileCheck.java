package dev.tango.runtime.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Refuses a {@code tokenizer.json} before the native tokenizer reads it, where the native
 * library would end the whole process rather than fail: a panic in its Rust code aborts
 * the JVM (DJL does not catch it), so a crafted file, or a crafted input to a tokenizer
 * built from one, could take every instance that serves it down. Refused:
 * <ul>
 * <li>files over {@value #MAX_BYTES} bytes (a BERT tokenizer takes under 1 MB, a
 * multilingual one under 20 MB), which are read whole;</li>
 * <li>{@code Precompiled} normalizers, whose character map the library indexes without
 * bounds checks (an empty map panics on the first input);</li>
 * <li>regular-expression patterns ({@code "pattern": {"Regex": ...}} in {@code Split}
 * pre-tokenizers and {@code Replace} normalizers), which the library runs with a
 * backtracking engine that panics once an input exceeds its retry limit.</li>
 * </ul>
 * Tokenizers of the BERT family (WordPiece, the bundled encoders') and byte-level BPE use
 * none of these; SentencePiece conversions do use {@code Precompiled}, and are not
 * served.
 */
final class TokenizerFileCheck {

	/** The largest {@code tokenizer.json} read. */
	static final long MAX_BYTES = 64L * 1024 * 1024;

	private TokenizerFileCheck() {
	}

	/**
	 * Checks a file's size, before it is read.
	 * @param file the file
	 * @throws IOException if it is larger than {@value #MAX_BYTES} bytes, or cannot be
	 * read
	 */
	static void checkSize(Path file) throws IOException {
		long size = Files.size(file);
		if (size > MAX_BYTES) {
			throw new IOException("Not a tokenizer Tango reads: the file has " + size + " bytes, more than the "
					+ MAX_BYTES + " read");
		}
	}

	/**
	 * Checks a parsed file for components that abort the process.
	 * @param root the file's JSON object
	 * @throws IOException naming the first such component, by its JSON pointer
	 */
	static void checkComponents(JsonNode root) throws IOException {
		check(root, "");
	}

	private static void check(JsonNode node, String pointer) throws IOException {
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), pointer + "/" + i);
			}
			return;
		}
		if (!node.isObject()) {
			return;
		}
		if ("Precompiled".equals(node.path("type").asString(""))) {
			throw new IOException("Not a tokenizer Tango serves: " + pointer + " is a Precompiled normalizer (a "
					+ "SentencePiece conversion), which the native tokenizer may abort the process on");
		}
		if (node.path("pattern").has("Regex")) {
			throw new IOException("Not a tokenizer Tango serves: " + pointer
					+ "/pattern is a regular expression, which "
					+ "the native tokenizer aborts the process on for some inputs; give it as a String pattern");
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			check(field.getValue(), pointer + "/" + field.getKey());
		}
	}

}
