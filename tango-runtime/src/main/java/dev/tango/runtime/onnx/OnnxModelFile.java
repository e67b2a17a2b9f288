package dev.tango.runtime.onnx;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model file and the external-data files declared alongside it: what
 * {@link OnnxModelCheck} checks and {@link OnnxRunner} opens. The declared files live in
 * the model file's folder, at their {@code location} as the model writes it.
 *
 * @param file the {@code .onnx} file
 * @param externalData the declared external-data files: {@code location} → sha256 (64
 * lower-case hexadecimal digits); empty when the model keeps all its data inside
 */
public record OnnxModelFile(Path file, Map<String, String> externalData) {

	public OnnxModelFile {
		Objects.requireNonNull(file, "file");
		externalData = Map.copyOf(externalData);
	}

	/**
	 * A model file that declares no external data.
	 * @param file the {@code .onnx} file
	 * @return the model file
	 */
	public static OnnxModelFile of(Path file) {
		return new OnnxModelFile(file, Map.of());
	}

}
