package dev.tango.models.loading;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The verified files of a model version to register cannot be served: an ONNX model that
 * is unreadable or references files it may not, an empty or unparsable file, or a head
 * that contradicts the version (labels, encoder sha256, token limit, pooling). The
 * message names the artifact and never holds file contents or the digest of a file the
 * caller did not supply.
 */
public class InvalidModelException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	private final @Nullable String tensor;

	/**
	 * Creates an exception.
	 * @param reason a stable reason for programs
	 * @param tensor the ONNX tensor at fault, or {@code null}
	 * @param message what was refused, for people
	 * @param cause the failure of the check
	 */
	public InvalidModelException(String reason, @Nullable String tensor, String message, Throwable cause) {
		super(message, cause);
		this.reason = Objects.requireNonNull(reason, "reason");
		this.tensor = tensor;
	}

	/**
	 * Returns why the model was refused: an
	 * {@link dev.tango.runtime.onnx.UnsafeModelException.Reason} name for the ONNX model,
	 * {@code INVALID_CONTENT} for any other file.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Returns the ONNX tensor whose external data was refused.
	 * @return its name, or {@code null} if no tensor is at fault
	 */
	public @Nullable String tensor() {
		return this.tensor;
	}

}
