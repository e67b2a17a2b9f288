package dev.tango.train.finetune;

import java.nio.file.Path;

import dev.tango.runtime.encoder.BundledEncoder;

/**
 * The float32 encoder of a fine-tuned tier shipped as an initializer delta on the bundled
 * encoder it was trained from, with a head and a one-tier descriptor that serve it
 * without the whole {@code .onnx} file.
 *
 * @param file the delta: {@code <name>.delta}
 * @param sha256 the delta file's SHA-256
 * @param base the bundled encoder the delta applies to
 * @param changedInitializers how many initializers the delta replaces
 * @param head the head naming the delta: {@code <name>.delta.head.json}
 * @param cascade a one-tier cascade of that head, with no model or tokenizer:
 * {@code <name>.delta.cascade.json}
 */
public record ExportedDelta(Path file, String sha256, BundledEncoder base, int changedInitializers, Path head,
		Path cascade) {

	/**
	 * Returns the delta's file name in a folder.
	 * @param folder the folder
	 * @param name the fine-tuned encoder's id
	 * @return {@code <folder>/<name>.delta}
	 */
	static Path file(Path folder, String name) {
		return folder.resolve(name + ".delta");
	}

	/**
	 * Returns the delta head's file name in a folder.
	 * @param folder the folder
	 * @param name the fine-tuned encoder's id
	 * @return {@code <folder>/<name>.delta.head.json}
	 */
	static Path head(Path folder, String name) {
		return folder.resolve(name + ".delta.head.json");
	}

	/**
	 * Returns the delta cascade's file name in a folder.
	 * @param folder the folder
	 * @param name the fine-tuned encoder's id
	 * @return {@code <folder>/<name>.delta.cascade.json}
	 */
	static Path cascade(Path folder, String name) {
		return folder.resolve(name + ".delta.cascade.json");
	}

}
