package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.artifact.Sha256;

/**
 * An ONNX model as its encoded protobuf fields: the {@code ModelProto}'s fields and those
 * of its main {@code GraphProto}, each kept as the bytes it was read from. Edits make new
 * models that share the bytes of every field they do not change, so a model written back
 * unchanged is byte-identical to the file it was read from. Subgraphs, functions and
 * training information are carried as they are. Immutable and thread-safe.
 */
public final class EncodedModel {

	/** {@code ModelProto.graph}. */
	public static final int MODEL_GRAPH = 7;

	/** {@code GraphProto.initializer}: a {@code TensorProto}. */
	public static final int GRAPH_INITIALIZER = 5;

	/** {@code TensorProto.name}. */
	private static final int TENSOR_NAME = 8;

	/** {@code ModelProto.opset_import}: an {@code OperatorSetIdProto}. */
	private static final int MODEL_OPSET_IMPORT = 8;

	/** {@code OperatorSetIdProto.domain}. */
	private static final int OPSET_DOMAIN = 1;

	/** {@code OperatorSetIdProto.version}. */
	private static final int OPSET_VERSION = 2;

	private final List<WireField> modelFields;

	private final int graphIndex;

	private final List<WireField> graphFields;

	private EncodedModel(List<WireField> modelFields, int graphIndex, List<WireField> graphFields) {
		this.modelFields = List.copyOf(modelFields);
		this.graphIndex = graphIndex;
		this.graphFields = List.copyOf(graphFields);
	}

	/**
	 * Reads a model file into memory.
	 * @param file the {@code .onnx} file
	 * @return the model
	 * @throws OnnxFormatException if the file is not an ONNX model with a graph, naming
	 * the file
	 * @throws IOException if the file cannot be read
	 */
	public static EncodedModel read(Path file) throws IOException {
		if (Files.size(file) > Integer.MAX_VALUE) {
			throw new OnnxFormatException(file + " is larger than 2 GiB, the most one protobuf message holds");
		}
		try {
			return parse(UnsafeByteOperations.unsafeWrap(Files.readAllBytes(file)));
		}
		catch (OnnxFormatException ex) {
			throw new OnnxFormatException(file + ": " + ex.getMessage());
		}
	}

	/**
	 * Reads a model from its encoded bytes, which it keeps.
	 * @param bytes the encoded {@code ModelProto}
	 * @return the model
	 * @throws OnnxFormatException if the bytes are not an ONNX model with a graph
	 */
	public static EncodedModel parse(ByteString bytes) throws OnnxFormatException {
		try {
			List<WireField> fields = WireField.split(bytes);
			for (int i = 0; i < fields.size(); i++) {
				if (fields.get(i).number() == MODEL_GRAPH) {
					return new EncodedModel(fields, i, WireField.split(fields.get(i).payload()));
				}
			}
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("not an ONNX protobuf: " + ex.getMessage());
		}
		throw new OnnxFormatException("the model has no graph");
	}

	/**
	 * Returns the model's fields as encoded, in order; the graph's field is the one read,
	 * not its edits.
	 * @return the fields
	 */
	public List<WireField> modelFields() {
		return this.modelFields;
	}

	/**
	 * Returns the nodes of the main graph, in graph order.
	 * @return their structure (names, operators, inputs, outputs)
	 * @throws OnnxFormatException if a node cannot be read
	 */
	public List<GraphNode> nodes() throws OnnxFormatException {
		List<GraphNode> nodes = new ArrayList<>();
		try {
			for (WireField field : this.graphFields) {
				if (field.number() == GraphFields.NODE) {
					nodes.add(NodeCodec.describe(field.payload()));
				}
			}
		}
		catch (IOException ex) {
			throw new OnnxFormatException("a node cannot be read: " + ex.getMessage());
		}
		return nodes;
	}

	/**
	 * Returns the version of the default ONNX operator set the model imports.
	 * @return the version, 0 if the model imports none
	 * @throws OnnxFormatException if an import cannot be read
	 */
	public long opsetVersion() throws OnnxFormatException {
		long version = 0;
		try {
			for (WireField field : this.modelFields) {
				if (field.number() == MODEL_OPSET_IMPORT) {
					String domain = "";
					long imported = 0;
					for (WireField entry : WireField.split(field.payload())) {
						if (entry.number() == OPSET_DOMAIN) {
							domain = entry.text();
						}
						else if (entry.number() == OPSET_VERSION) {
							imported = entry.varint();
						}
					}
					if (domain.isEmpty() || domain.equals("ai.onnx")) {
						version = imported;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new OnnxFormatException("an operator set import cannot be read: " + ex.getMessage());
		}
		return version;
	}

	/**
	 * Returns the main graph's fields as encoded, in order.
	 * @return the fields
	 */
	public List<WireField> graphFields() {
		return this.graphFields;
	}

	/**
	 * Makes a model that differs from this one in its graph's fields only.
	 * @param fields the graph's new fields, in order
	 * @return the new model
	 */
	public EncodedModel withGraphFields(List<WireField> fields) {
		return new EncodedModel(this.modelFields, this.graphIndex, fields);
	}

	/**
	 * Returns the encoded initializers of the main graph.
	 * @return each encoded {@code TensorProto} by its name, in graph order
	 * @throws OnnxFormatException if an initializer cannot be read or two share a name
	 */
	public Map<String, ByteString> initializers() throws OnnxFormatException {
		Map<String, ByteString> tensors = new LinkedHashMap<>();
		for (WireField field : this.graphFields) {
			if (field.number() == GRAPH_INITIALIZER) {
				ByteString tensor = payload(field);
				if (tensors.put(tensorName(tensor), tensor) != null) {
					throw new OnnxFormatException("two initializers are named " + tensorName(tensor));
				}
			}
		}
		return tensors;
	}

	/**
	 * Makes a model whose initializers of the given names are replaced by other encoded
	 * tensors, each in its place; every other byte is kept.
	 * @param tensors encoded {@code TensorProto}s by the name of the initializer each
	 * replaces; a name the graph has no initializer of is ignored
	 * @return the new model
	 * @throws OnnxFormatException if an initializer cannot be read
	 */
	public EncodedModel withInitializers(Map<String, ByteString> tensors) throws OnnxFormatException {
		List<WireField> fields = new ArrayList<>(this.graphFields.size());
		for (WireField field : this.graphFields) {
			ByteString replacement = (field.number() == GRAPH_INITIALIZER) ? tensors.get(tensorName(payload(field)))
					: null;
			fields.add((replacement != null) ? WireField.of(GRAPH_INITIALIZER, replacement) : field);
		}
		return withGraphFields(fields);
	}

	/**
	 * Returns the name of an encoded tensor.
	 * @param tensor an encoded {@code TensorProto}
	 * @return its name, empty if it has none
	 * @throws OnnxFormatException if it cannot be read
	 */
	public static String tensorName(ByteString tensor) throws OnnxFormatException {
		try {
			for (WireField field : WireField.split(tensor)) {
				if (field.number() == TENSOR_NAME) {
					return field.text();
				}
			}
			return "";
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("a tensor cannot be read: " + ex.getMessage());
		}
	}

	/**
	 * Writes the model to a file, replacing it if it exists, digesting the bytes as they
	 * are written.
	 * @param file the file
	 * @return the SHA-256 of the file written, 64 lower-case hexadecimal digits
	 * @throws IOException if it cannot be written
	 */
	public String write(Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			return writeDigested(out);
		}
	}

	/**
	 * Returns the SHA-256 of the encoded model, as {@link #write} would write it.
	 * @return 64 lower-case hexadecimal digits
	 * @throws OnnxFormatException if the model cannot be encoded
	 */
	public String sha256() throws OnnxFormatException {
		try {
			return writeDigested(OutputStream.nullOutputStream());
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("the model cannot be written: " + ex.getMessage());
		}
	}

	private String writeDigested(OutputStream target) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		writeTo(new DigestOutputStream(target, digest));
		return Sha256.hex(digest);
	}

	/**
	 * Writes the encoded model to a stream, which stays open.
	 * @param out the stream
	 * @throws OnnxFormatException if the graph would exceed 2 GiB
	 * @throws IOException if it cannot be written
	 */
	public void writeTo(OutputStream out) throws IOException {
		CodedOutputStream coded = CodedOutputStream.newInstance(out, 64 * 1024);
		for (int i = 0; i < this.modelFields.size(); i++) {
			if (i == this.graphIndex) {
				long size = 0;
				for (WireField field : this.graphFields) {
					size += field.encoded().size();
				}
				if (size > Integer.MAX_VALUE) {
					throw new OnnxFormatException("the graph would be larger than 2 GiB");
				}
				coded.writeTag(MODEL_GRAPH, WireFormat.WIRETYPE_LENGTH_DELIMITED);
				coded.writeUInt32NoTag((int) size);
				for (WireField field : this.graphFields) {
					coded.writeRawBytes(field.encoded());
				}
			}
			else {
				coded.writeRawBytes(this.modelFields.get(i).encoded());
			}
		}
		coded.flush();
	}

	private static ByteString payload(WireField field) throws OnnxFormatException {
		try {
			return field.payload();
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("a graph field cannot be read: " + ex.getMessage());
		}
	}

}
