package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.tango.runtime.artifact.Sha256;

/**
 * The initializers in which a trained model differs from its base model, for shipping a
 * trained encoder as a small file applied to the encoder from Maven Central. Training
 * that freezes the word embeddings leaves most of the bytes unchanged; only the changed
 * tensors are stored. Training code computes deltas; serving reads and applies them.
 * <p>
 * <b>Format.</b> A delta file is one protobuf message, read and written field by field:
 * <pre>
 * message InitializerDelta {
 *   string format = 1;               // "tango.onnx-initializer-delta/1"
 *   string base_sha256 = 2;          // the base model file's SHA-256, lower-case hex
 *   string result_sha256 = 3;        // the SHA-256 of the model file the delta produces
 *   repeated bytes initializer = 4;  // each an encoded ONNX TensorProto, in graph order
 * }
 * </pre> Each stored tensor replaces the base's initializer of the same name, in its
 * place; all other bytes of the base are kept, and both hashes are checked when it is
 * applied. A delta is made between models of the same graph and initializers: between
 * files that differ in initializer values alone, it reproduces the trained file exactly;
 * onto a published file that stores the graph in another order or encoding, it gives that
 * file with the trained values. The delta file's own SHA-256 is what {@link #write}
 * returns, to be recorded with its provenance. Immutable and thread-safe.
 */
public final class InitializerDelta {

	/** The format this class reads and writes. */
	public static final String FORMAT = "tango.onnx-initializer-delta/1";

	private static final int FORMAT_FIELD = 1;

	private static final int BASE_FIELD = 2;

	private static final int RESULT_FIELD = 3;

	private static final int INITIALIZER_FIELD = 4;

	private final String baseSha256;

	private final String resultSha256;

	private final Map<String, ByteString> initializers;

	/**
	 * Creates a delta.
	 * @param baseSha256 the SHA-256 of the base model file
	 * @param resultSha256 the SHA-256 of the model file the delta produces
	 * @param initializers the replacing encoded {@code TensorProto}s by name, in graph
	 * order
	 * @throws IllegalArgumentException if a digest is not lower-case hex
	 */
	public InitializerDelta(String baseSha256, String resultSha256, Map<String, ByteString> initializers) {
		if (!Sha256.isValid(baseSha256) || !Sha256.isValid(resultSha256)) {
			throw new IllegalArgumentException(
					"Not lower-case hexadecimal sha256 values: '" + baseSha256 + "', '" + resultSha256 + "'");
		}
		this.baseSha256 = baseSha256;
		this.resultSha256 = resultSha256;
		this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
	}

	/**
	 * Reads a delta file.
	 * @param file the file
	 * @return the delta
	 * @throws OnnxFormatException if the file is not a delta in {@value #FORMAT}, naming
	 * the file
	 * @throws IOException if it cannot be read
	 */
	public static InitializerDelta read(Path file) throws IOException {
		String format = "";
		String base = "";
		String result = "";
		Map<String, ByteString> initializers = new LinkedHashMap<>();
		ByteString bytes = UnsafeByteOperations.unsafeWrap(Files.readAllBytes(file));
		try {
			for (WireField field : WireField.split(bytes)) {
				switch (field.number()) {
					case FORMAT_FIELD -> format = field.text();
					case BASE_FIELD -> base = field.text();
					case RESULT_FIELD -> result = field.text();
					case INITIALIZER_FIELD -> {
						ByteString tensor = field.payload();
						initializers.put(EncodedModel.tensorName(tensor), tensor);
					}
					default -> throw new OnnxFormatException("unknown field " + field.number());
				}
			}
		}
		catch (IOException ex) {
			// the bytes are in memory: every failure here is one of their encoding
			throw new OnnxFormatException(file + " is not an initializer delta: " + ex.getMessage());
		}
		if (!FORMAT.equals(format) || !Sha256.isValid(base) || !Sha256.isValid(result)) {
			throw new OnnxFormatException(file + " is not an initializer delta in " + FORMAT);
		}
		return new InitializerDelta(base, result, initializers);
	}

	/**
	 * Writes the delta to a file, replacing it if it exists.
	 * @param file the file
	 * @return the file's SHA-256, lower-case hex
	 * @throws IOException if it cannot be written
	 */
	public String write(Path file) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
			CodedOutputStream coded = CodedOutputStream.newInstance(out, 64 * 1024);
			coded.writeString(FORMAT_FIELD, FORMAT);
			coded.writeString(BASE_FIELD, this.baseSha256);
			coded.writeString(RESULT_FIELD, this.resultSha256);
			for (ByteString tensor : this.initializers.values()) {
				coded.writeBytes(INITIALIZER_FIELD, tensor);
			}
			coded.flush();
		}
		return Sha256.hex(digest);
	}

	/**
	 * Applies the delta to its base model.
	 * @param base the base model, the file whose SHA-256 the delta records
	 * @return the trained model, whose file has the SHA-256 the delta records
	 * @throws IllegalArgumentException if {@code base} is not the delta's base
	 * @throws OnnxFormatException if the base lacks a tensor of the delta or the result
	 * is not the recorded model
	 */
	public EncodedModel applyTo(EncodedModel base) throws OnnxFormatException {
		String actual = base.sha256();
		if (!actual.equals(this.baseSha256)) {
			throw new IllegalArgumentException(
					"the delta applies to the model with SHA-256 " + this.baseSha256 + ", not " + actual);
		}
		Map<String, ByteString> present = base.initializers();
		for (String name : this.initializers.keySet()) {
			if (!present.containsKey(name)) {
				throw new OnnxFormatException("the base has no initializer named " + name);
			}
		}
		EncodedModel result = base.withInitializers(this.initializers);
		if (!result.sha256().equals(this.resultSha256)) {
			throw new OnnxFormatException(
					"applying the delta does not give the model with SHA-256 " + this.resultSha256);
		}
		return result;
	}

	/**
	 * Returns the names of the initializers the delta replaces.
	 * @return the names, in graph order
	 */
	public List<String> changed() {
		return new ArrayList<>(this.initializers.keySet());
	}

	/**
	 * Returns the SHA-256 of the base model file.
	 * @return lower-case hex
	 */
	public String baseSha256() {
		return this.baseSha256;
	}

	/**
	 * Returns the SHA-256 of the model file the delta produces.
	 * @return lower-case hex
	 */
	public String resultSha256() {
		return this.resultSha256;
	}

}
