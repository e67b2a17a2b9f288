package dev.tango.runtime.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The bundled encoders' tokenizers load; files the native tokenizer could abort the
 * process on are refused before it reads them (so these tests never reach it).
 */
class TokenizerFileCheckTest {

	private static final JsonMapper JSON = JsonMapper.shared();

	@TempDir
	Path dir;

	@Test
	void theBundledTokenizersLoad() throws IOException {
		for (String resource : new String[] { "/bge-small-en-v1.5-tokenizer.json",
				"/all-minilm-l6-v2-q-tokenizer.json" }) {
			Path file = Files.write(this.dir.resolve("tokenizer.json"), bundled(resource).toString().getBytes());
			try (TextTokenizer tokenizer = TextTokenizer.load(file, 32)) {
				assertThat(tokenizer.maxTokens()).isEqualTo(32);
			}
		}
	}

	@Test
	void refusesAPrecompiledNormalizer() throws IOException {
		ObjectNode tokenizer = bundled("/bge-small-en-v1.5-tokenizer.json");
		tokenizer.set("normalizer", JSON.readTree("""
				{"type": "Precompiled", "precompiled_charsmap": "AAAAAA=="}"""));

		assertThatIOException().isThrownBy(() -> TextTokenizer.load(write(tokenizer), 32))
			.withMessageContaining("/normalizer is a Precompiled normalizer");
	}

	@Test
	void refusesARegularExpressionWhereverItIsNested() throws IOException {
		ObjectNode tokenizer = bundled("/bge-small-en-v1.5-tokenizer.json");
		tokenizer.set("pre_tokenizer", JSON.readTree("""
				{"type": "Sequence", "pretokenizers": [{"type": "Whitespace"},
				  {"type": "Split", "pattern": {"Regex": "(a+)+b"}, "behavior": "Isolated", "invert": false}]}"""));

		assertThatIOException().isThrownBy(() -> TextTokenizer.load(write(tokenizer), 32))
			.withMessageContaining("/pre_tokenizer/pretokenizers/1/pattern is a regular expression");
	}

	@Test
	void refusesAKeyGivenTwice() throws IOException {
		String tokenizer = bundled("/bge-small-en-v1.5-tokenizer.json").toString();
		String twice = tokenizer.replaceFirst("\\{", "{\"normalizer\": {\"type\": \"Precompiled\"}, ");

		assertThatIOException()
			.isThrownBy(() -> TextTokenizer.load(Files.writeString(this.dir.resolve("twice.json"), twice), 32))
			.withMessageContaining("Duplicate");
	}

	@Test
	void refusesAFileTooLargeToRead() throws IOException {
		Path file = this.dir.resolve("tokenizer.json");
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(TokenizerFileCheck.MAX_BYTES + 1);
		}

		assertThatIOException().isThrownBy(() -> TextTokenizer.load(file, 32))
			.withMessageContaining("more than the " + TokenizerFileCheck.MAX_BYTES + " read");
	}

	private Path write(ObjectNode tokenizer) throws IOException {
		return Files.writeString(this.dir.resolve("crafted.json"), tokenizer.toString());
	}

	private static ObjectNode bundled(String resource) throws IOException {
		try (InputStream in = TokenizerFileCheckTest.class.getResourceAsStream(resource)) {
			return (ObjectNode) JSON.readTree(in);
		}
	}

}
