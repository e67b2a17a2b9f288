package dev.tango.runtime.head;

import java.util.Objects;

import dev.tango.runtime.artifact.Sha256;

/**
 * Where a head's encoder comes from when it ships as an initializer delta on a bundled
 * encoder rather than as a whole ONNX file: the delta, applied to the base encoder's ONNX
 * file, gives the file whose SHA-256 the head's encoder identity names, and the base's
 * tokenizer is the encoder's (see {@code HEAD_FORMAT.md}, {@code encoder.delta}).
 *
 * @param base the catalogue id of the bundled base encoder, such as
 * {@code all-minilm-l6-v2}
 * @param file the delta file's path relative to the head file's folder: {@code /}
 * separated, without {@code .} or {@code ..} segments
 * @param sha256 the SHA-256 of the delta file, 64 lower-case hexadecimal digits
 */
public record EncoderDelta(String base, String file, String sha256) {

	public EncoderDelta {
		Objects.requireNonNull(base, "base");
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(sha256, "sha256");
		if (base.isBlank()) {
			throw new IllegalArgumentException("The delta's base encoder id must not be blank");
		}
		if (!isRelative(file)) {
			throw new IllegalArgumentException(
					"The delta file must be a relative path inside the head's folder, not '" + file + "'");
		}
		Sha256.requireValid(sha256);
	}

	private static boolean isRelative(String file) {
		if (file.isEmpty() || file.startsWith("/") || file.contains("\\") || file.contains(":")) {
			return false;
		}
		for (String segment : file.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

}
