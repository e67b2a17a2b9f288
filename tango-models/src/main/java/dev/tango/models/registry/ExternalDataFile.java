package dev.tango.models.registry;

import java.util.Objects;

/**
 * A file an ONNX model reads its tensors from (ONNX external data), declared with the
 * model version: where the model expects it and where its verified content comes from.
 * When the version loads, the file is fetched and verified like the model's other
 * artifacts and placed at {@code path} in one folder beside the model.
 *
 * @param path the {@code location} the model's tensors name: a relative, normalised path
 * ({@code /}-separated, no {@code .}, {@code ..} or empty segment), unique within the
 * version and not {@value ExternalDataFile#MODEL_FILE_NAME}
 * @param uri a {@code classpath:}, {@code file:} or {@code https:} URI of its content
 * @param sha256 the sha256 of its content, 64 hexadecimal digits
 */
public record ExternalDataFile(String path, String uri, String sha256) {

	/** The model's own name in the folder where a version's files are placed. */
	public static final String MODEL_FILE_NAME = "model.onnx";

	public ExternalDataFile {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(sha256, "sha256");
	}

}
