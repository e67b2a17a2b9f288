package dev.tango.train.distil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.io.InputFiles;

/**
 * Texts without labels for a teacher to label: a UTF-8 file of one text per line, blank
 * lines skipped.
 *
 * @param name the file's name
 * @param sha256 the file's SHA-256
 * @param inputs the texts, in file order
 */
public record UnlabelledTexts(String name, String sha256, List<TextInput> inputs) {

	public UnlabelledTexts {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(sha256, "sha256");
		inputs = List.copyOf(inputs);
	}

	/**
	 * Reads a file.
	 * @param file one text per line
	 * @return the texts
	 * @throws IOException if the file cannot be read or is not UTF-8
	 */
	public static UnlabelledTexts read(Path file) throws IOException {
		List<TextInput> inputs = StandardCharsets.UTF_8.newDecoder()
			.decode(ByteBuffer.wrap(InputFiles.readAllBytes(file)))
			.toString()
			.lines()
			.filter((line) -> !line.isBlank())
			.map(TextInput::of)
			.toList();
		return new UnlabelledTexts(file.toString(), Sha256.of(file), inputs);
	}

	/**
	 * Returns the number of texts.
	 * @return the count
	 */
	public int size() {
		return this.inputs.size();
	}

}
