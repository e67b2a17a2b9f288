package dev.tango.runtime.onnx;

import java.io.IOException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An ONNX model was refused before any ONNX Runtime session was created for it, because
 * it could not be read as a model or because a tensor's external data points to a file
 * that is not a declared, verified file of the model's own folder. The message names the
 * tensor and the reason and never contains file contents or digests of files the caller
 * did not supply.
 */
public class UnsafeModelException extends IOException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final @Nullable String tensor;

	/**
	 * Creates an exception.
	 * @param reason why the model was refused
	 * @param tensor the tensor whose data was refused, or {@code null} if the whole model
	 * was
	 * @param detail what was refused, for people
	 */
	public UnsafeModelException(Reason reason, @Nullable String tensor, String detail) {
		super(((tensor != null) ? "tensor '" + tensor + "': " : "") + detail + " (" + reason + ")");
		this.reason = Objects.requireNonNull(reason, "reason");
		this.tensor = tensor;
	}

	/**
	 * Wraps a refusal with what was being done, keeping its reason and tensor.
	 * @param context what was being done, such as which model was loading
	 * @param cause the refusal
	 */
	public UnsafeModelException(String context, UnsafeModelException cause) {
		super(context + ": " + cause.getMessage(), cause);
		this.reason = cause.reason;
		this.tensor = cause.tensor;
	}

	/**
	 * Returns why the model was refused.
	 * @return the reason, stable and meant for programs
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Returns the tensor whose external data was refused.
	 * @return its name as the model spells it (possibly empty), or {@code null} when the
	 * model as a whole was refused
	 */
	public @Nullable String tensor() {
		return this.tensor;
	}

	/** Why a model was refused. */
	public enum Reason {

		/** Not a readable ONNX protobuf, empty, or nested beyond the supported depth. */
		MALFORMED_MODEL,

		/** A tensor marked as external whose {@code location} is missing or empty. */
		MISSING_LOCATION,

		/** An absolute location ({@code /…}, or a Windows drive or UNC path). */
		ABSOLUTE_PATH,

		/** A {@code ..} segment. */
		PARENT_SEGMENT,

		/** A backslash, the Windows separator. */
		WINDOWS_SEPARATOR,

		/** A {@code .} segment, an empty segment or a control character. */
		NOT_NORMALISED,

		/**
		 * A character that names no file but means something to ONNX Runtime or to file
		 * systems ({@code * ? < > | "}): ONNX Runtime reads the location
		 * {@code *}{@code /_ORT_MEM_ADDR_/*} as "the data is at the memory address in the
		 * offset", which would let a model read the serving process's memory.
		 */
		RESERVED_CHARACTER,

		/**
		 * A symbolic link on the way to the file, or a file outside the model's folder.
		 */
		LEAVES_FOLDER,

		/** No file at the location. */
		NOT_FOUND,

		/** A directory, device file, FIFO or socket rather than a regular file. */
		NOT_A_REGULAR_FILE,

		/** A file that was not declared with its own sha256 alongside the model. */
		UNDECLARED,

		/** A declared file whose content differs from its declared sha256. */
		CHECKSUM_MISMATCH,

		/** A declared file that no tensor of the model references. */
		UNREFERENCED

	}

}
