package dev.tango.runtime.classifier;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lets tests in other packages write the tiny classifier model.
 */
public final class TinyOnnxClassifierAccess {

	/**
	 * Writes a tiny classifier over the BERT vocabulary with inputs {@code input_ids} and
	 * {@code attention_mask} and output {@code logits}.
	 * @param file where to write
	 * @throws IOException if the file cannot be written
	 */
	public void write(Path file) throws IOException {
		new TinyOnnxClassifier(30522, 4, 2, 5).write(file, "attention_mask", "logits");
	}

}
