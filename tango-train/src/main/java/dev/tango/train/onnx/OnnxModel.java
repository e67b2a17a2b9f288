package dev.tango.train.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import dev.tango.runtime.onnx.edit.EncodedModel;
import dev.tango.runtime.onnx.edit.GraphFields;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.NodeCodec;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.Tensors;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * An ONNX model held as its encoded bytes, with a view of its main graph: nodes,
 * initializers, inputs and outputs. Models are immutable; edits make new models that
 * share the bytes of every field they do not change, so a model written back unchanged is
 * byte-identical to the file it was read from. Only the main graph is looked at;
 * subgraphs, functions and training information are carried as they are. Thread-safe.
 */
public final class OnnxModel {

	private final EncodedModel encoded;

	private final List<GraphNode> nodes = new ArrayList<>();

	private final Map<String, ByteString> initializerBytes = new LinkedHashMap<>();

	private final Map<String, Initializer> initializers = new LinkedHashMap<>();

	private final List<String> inputs = new ArrayList<>();

	private final List<String> outputs = new ArrayList<>();

	private OnnxModel(EncodedModel encoded) throws IOException {
		this.encoded = encoded;
		for (WireField field : encoded.graphFields()) {
			switch (field.number()) {
				case GraphFields.NODE -> this.nodes.add(NodeCodec.describe(field.payload()));
				case GraphFields.INITIALIZER -> {
					Initializer initializer = TensorCodec.describe(field.payload());
					if (this.initializers.put(initializer.name(), initializer) != null) {
						throw new OnnxFormatException("two initializers are named " + initializer.name());
					}
					this.initializerBytes.put(initializer.name(), field.payload());
				}
				case GraphFields.INPUT -> this.inputs.add(GraphFields.valueName(field));
				case GraphFields.OUTPUT -> this.outputs.add(GraphFields.valueName(field));
				default -> {
				}
			}
		}
	}

	/**
	 * Reads a model file into memory.
	 * @param file the {@code .onnx} file
	 * @return the model
	 * @throws OnnxFormatException if the file is not an ONNX model with a graph
	 * @throws IOException if the file cannot be read
	 */
	public static OnnxModel read(Path file) throws IOException {
		return of(EncodedModel.read(file));
	}

	/**
	 * Reads a model from its encoded bytes, which it keeps.
	 * @param bytes the encoded {@code ModelProto}
	 * @return the model
	 * @throws OnnxFormatException if the bytes are not an ONNX model with a graph
	 */
	public static OnnxModel parse(ByteString bytes) throws OnnxFormatException {
		return of(EncodedModel.parse(bytes));
	}

	/**
	 * Views an encoded model.
	 * @param encoded the model's fields
	 * @return the model
	 * @throws OnnxFormatException if its graph cannot be read
	 */
	public static OnnxModel of(EncodedModel encoded) throws OnnxFormatException {
		try {
			return new OnnxModel(encoded);
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("the graph cannot be read: " + ex.getMessage());
		}
	}

	/**
	 * Returns the model as its encoded fields.
	 * @return the fields this model views
	 */
	public EncodedModel encoded() {
		return this.encoded;
	}

	/**
	 * Returns the graph's nodes in graph order (a topological order for valid models).
	 * @return the nodes
	 */
	public List<GraphNode> nodes() {
		return Collections.unmodifiableList(this.nodes);
	}

	/**
	 * Returns the graph's initializers in graph order.
	 * @return the initializers, without values
	 */
	public List<Initializer> initializers() {
		return List.copyOf(this.initializers.values());
	}

	/**
	 * Returns an initializer by name.
	 * @param name the tensor's name
	 * @return the initializer, or empty if the graph has none of that name
	 */
	public Optional<Initializer> initializer(String name) {
		return Optional.ofNullable(this.initializers.get(name));
	}

	/**
	 * Reads a float32 initializer's values.
	 * @param name the tensor's name
	 * @return the tensor
	 * @throws IllegalArgumentException if the graph has no initializer of that name
	 * @throws OnnxFormatException if it is not float32 or cannot be read
	 */
	public FloatTensor floatInitializer(String name) throws OnnxFormatException {
		ByteString tensor = this.initializerBytes.get(name);
		if (tensor == null) {
			throw new IllegalArgumentException("the graph has no initializer named " + name);
		}
		try {
			return TensorCodec.floats(tensor);
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException(name + " cannot be read: " + ex.getMessage());
		}
	}

	/**
	 * Reads every float32 initializer. The values take as much heap as they take in the
	 * file.
	 * @return the tensors by name, in graph order
	 * @throws OnnxFormatException if one cannot be read
	 */
	public Map<String, FloatTensor> floatInitializers() throws OnnxFormatException {
		Map<String, FloatTensor> tensors = new LinkedHashMap<>();
		for (Initializer initializer : this.initializers.values()) {
			if (initializer.isFloat()) {
				tensors.put(initializer.name(), floatInitializer(initializer.name()));
			}
		}
		return tensors;
	}

	/**
	 * Makes a model with new values for some float32 initializers: the same graph, each
	 * replaced tensor keeping its place, name, type and shape, its values written as
	 * little-endian {@code raw_data}. Every other byte is copied, so replacing tensors
	 * with their own values gives back the same file when they were stored as
	 * {@code raw_data}.
	 * @param tensors the new values, at most one per name
	 * @return the new model
	 * @throws IllegalArgumentException if a name is not a float32 initializer of the
	 * graph, a shape differs from the initializer's, or a name comes twice
	 * @throws OnnxFormatException if the graph cannot be rewritten
	 */
	public OnnxModel withInitializers(Collection<FloatTensor> tensors) throws OnnxFormatException {
		Map<String, FloatTensor> byName = new HashMap<>();
		for (FloatTensor tensor : tensors) {
			Initializer initializer = this.initializers.get(tensor.name());
			if (initializer == null || !initializer.isFloat()) {
				throw new IllegalArgumentException("the graph has no float32 initializer named " + tensor.name());
			}
			if (!Arrays.equals(initializer.dims(), tensor.dims())) {
				throw new IllegalArgumentException(tensor.name() + " has shape " + Arrays.toString(initializer.dims())
						+ ", not " + Arrays.toString(tensor.dims()));
			}
			if (byName.put(tensor.name(), tensor) != null) {
				throw new IllegalArgumentException(tensor.name() + " is given twice");
			}
		}
		Map<String, ByteString> encoded = new HashMap<>();
		try {
			for (FloatTensor tensor : byName.values()) {
				encoded.put(tensor.name(), TensorCodec.withRawData(this.initializerBytes.get(tensor.name()),
						Tensors.littleEndian(tensor.values())));
			}
		}
		catch (IOException ex) {
			throw new OnnxFormatException("an initializer cannot be rewritten: " + ex.getMessage());
		}
		return withInitializerBytes(encoded);
	}

	/**
	 * Makes a model whose initializers of the given names are replaced by other encoded
	 * tensors, each in its place.
	 * @param tensors encoded {@code TensorProto}s by the name of the initializer each
	 * replaces
	 * @return the new model
	 * @throws OnnxFormatException if the new graph cannot be read
	 */
	OnnxModel withInitializerBytes(Map<String, ByteString> tensors) throws OnnxFormatException {
		return of(this.encoded.withInitializers(tensors));
	}

	/**
	 * Returns the version of the default ONNX operator set the model imports.
	 * @return the version, 0 if the model imports none
	 * @throws OnnxFormatException if an import cannot be read
	 */
	public long opsetVersion() throws OnnxFormatException {
		return this.encoded.opsetVersion();
	}

	/**
	 * Returns the names of the graph's inputs, in order.
	 * @return the names
	 */
	public List<String> inputs() {
		return Collections.unmodifiableList(this.inputs);
	}

	/**
	 * Returns the names of the graph's outputs, in order.
	 * @return the names
	 */
	public List<String> outputs() {
		return Collections.unmodifiableList(this.outputs);
	}

	/**
	 * Writes the model to a file, replacing it if it exists, and digests the bytes as
	 * they are written, so that callers need not read a file of this size back to name
	 * it.
	 * @param file the file
	 * @return the SHA-256 of the file written, 64 lower-case hexadecimal digits
	 * @throws IOException if it cannot be written
	 */
	public String write(Path file) throws IOException {
		return this.encoded.write(file);
	}

	/**
	 * Returns the SHA-256 of the encoded model, as {@link #write} would write it.
	 * @return 64 lower-case hexadecimal digits
	 * @throws OnnxFormatException if the model cannot be encoded
	 */
	public String sha256() throws OnnxFormatException {
		return this.encoded.sha256();
	}

	/**
	 * Writes the encoded model to a stream, which stays open.
	 * @param out the stream
	 * @throws IOException if it cannot be written
	 */
	public void writeTo(OutputStream out) throws IOException {
		this.encoded.writeTo(out);
	}

	/**
	 * Returns the graph's fields as encoded, in order.
	 * @return the fields
	 */
	List<WireField> graphFields() {
		return this.encoded.graphFields();
	}

	/**
	 * Returns the encoded {@code TensorProto} of an initializer.
	 * @param name the tensor's name
	 * @return the encoded tensor, or empty if the graph has none of that name
	 */
	Optional<ByteString> initializerBytes(String name) {
		return Optional.ofNullable(this.initializerBytes.get(name));
	}

	/**
	 * Makes a model that differs from this one in its graph's fields only.
	 * @param fields the graph's new fields, in order
	 * @return the new model
	 * @throws OnnxFormatException if the new graph cannot be read
	 */
	OnnxModel withGraphFields(List<WireField> fields) throws OnnxFormatException {
		return of(this.encoded.withGraphFields(fields));
	}

}
