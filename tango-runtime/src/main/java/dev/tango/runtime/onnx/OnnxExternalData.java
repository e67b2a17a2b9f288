package dev.tango.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.onnx.UnsafeModelException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Lists the external-data references of an ONNX model by walking its protobuf encoding
 * ({@code onnx.proto}): every {@code TensorProto} whose {@code data_location} is
 * {@code EXTERNAL} or whose {@code external_data} names a {@code location}, wherever it
 * sits: graph initializers and sparse initializers, tensors and sparse tensors of node
 * attributes, subgraphs of attributes (as in {@code If}, {@code Loop}, {@code Scan}) at
 * any depth, training-info graphs and the nodes of model-local functions. Raw tensor data
 * is skipped (sought over), never read. Stateless and thread-safe.
 */
final class OnnxExternalData {

	/** Deeper nesting than this is refused rather than followed. */
	static final int MAX_DEPTH = 64;

	private static final int TENSOR_DATA_LOCATION_EXTERNAL = 1;

	private static final int BUFFER_SIZE = 8192;

	/** The longest tensor name or external-data key or value read, in bytes. */
	private static final int MAX_TEXT = 64 * 1024;

	private OnnxExternalData() {
	}

	/**
	 * Reads the references of a model file.
	 * @param model the {@code .onnx} file
	 * @return the references in file order, empty if the model keeps all data inside
	 * @throws UnsafeModelException ({@link Reason#MALFORMED_MODEL}) if the file is empty,
	 * has no graph, is not an ONNX protobuf or nests beyond {@value #MAX_DEPTH} levels
	 * @throws IOException if the file cannot be read
	 */
	static List<Reference> references(Path model) throws IOException {
		long size = Files.size(model);
		if (size == 0) {
			throw malformed("the file is empty");
		}
		if (size > Integer.MAX_VALUE) {
			throw malformed("the file is larger than 2 GiB, the most one protobuf can hold");
		}
		// A stream over the file: skipping raw tensor data seeks, so memory stays at one
		// small buffer whatever the model's size.
		try (InputStream in = Files.newInputStream(model)) {
			Walker walker = new Walker();
			walker.model(CodedInputStream.newInstance(in, BUFFER_SIZE));
			return List.copyOf(walker.references);
		}
		catch (InvalidProtocolBufferException ex) {
			throw malformed("it is not an ONNX protobuf: " + ex.getMessage());
		}
	}

	private static UnsafeModelException malformed(String detail) {
		return new UnsafeModelException(Reason.MALFORMED_MODEL, null, "the model cannot be read: " + detail);
	}

	/**
	 * A tensor whose data is stored outside the model file.
	 *
	 * @param tensor the tensor's name (empty if it has none)
	 * @param location the {@code location} entry as written, or {@code null} if the
	 * tensor is marked external without one
	 */
	record Reference(String tensor, @Nullable String location) {
	}

	/** Walks the messages that can hold tensors; skips every other field. */
	private static final class Walker {

		private final List<Reference> references = new ArrayList<>();

		void model(CodedInputStream in) throws IOException {
			boolean graph = false;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				switch (WireFormat.getTagFieldNumber(tag)) {
					case 7 -> {
						graph = true;
						nested(in, tag, 1, this::graph);
					}
					case 20 -> nested(in, tag, 1, this::trainingInfo);
					case 25 -> nested(in, tag, 1, this::function);
					default -> in.skipField(tag);
				}
			}
			if (!graph) {
				throw malformed("it has no graph");
			}
		}

		private void graph(CodedInputStream in, int depth) throws IOException {
			fields(in, depth, Map.of(1, this::node, 5, this::tensor, 15, this::sparseTensor));
		}

		private void trainingInfo(CodedInputStream in, int depth) throws IOException {
			fields(in, depth, Map.of(1, this::graph, 2, this::graph));
		}

		private void function(CodedInputStream in, int depth) throws IOException {
			fields(in, depth, Map.of(7, this::node, 11, this::attribute));
		}

		private void node(CodedInputStream in, int depth) throws IOException {
			fields(in, depth, Map.of(5, this::attribute));
		}

		private void attribute(CodedInputStream in, int depth) throws IOException {
			fields(in, depth, Map.of(5, this::tensor, 10, this::tensor, 6, this::graph, 11, this::graph, 22,
					this::sparseTensor, 23, this::sparseTensor));
		}

		private void sparseTensor(CodedInputStream in, int depth) throws IOException {
			fields(in, depth, Map.of(1, this::tensor, 2, this::tensor));
		}

		/**
		 * Reads a message's fields: each whose number is a key of {@code bodies} as a
		 * nested message of that body, every other skipped.
		 */
		private static void fields(CodedInputStream in, int depth, Map<Integer, Body> bodies) throws IOException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				Body body = bodies.get(WireFormat.getTagFieldNumber(tag));
				if (body != null) {
					nested(in, tag, depth, body);
				}
				else {
					in.skipField(tag);
				}
			}
		}

		private void tensor(CodedInputStream in, int depth) throws IOException {
			String name = "";
			boolean external = false;
			List<String> locations = new ArrayList<>();
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				switch (WireFormat.getTagFieldNumber(tag)) {
					case 8 -> name = text(in, tag);
					case 13 -> {
						String location = locationEntry(in, tag);
						if (location != null) {
							locations.add(location);
						}
					}
					case 14 -> {
						expect(tag, WireFormat.WIRETYPE_VARINT);
						external = in.readEnum() == TENSOR_DATA_LOCATION_EXTERNAL;
					}
					default -> in.skipField(tag);
				}
			}
			for (String location : locations) {
				this.references.add(new Reference(name, location));
			}
			if (external && locations.isEmpty()) {
				this.references.add(new Reference(name, null));
			}
		}

		/** Reads a {@code StringStringEntryProto}: the value if the key is location. */
		private @Nullable String locationEntry(CodedInputStream in, int entryTag) throws IOException {
			expect(entryTag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			int limit = in.pushLimit(in.readRawVarint32());
			String key = "";
			String value = "";
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				switch (WireFormat.getTagFieldNumber(tag)) {
					case 1 -> key = text(in, tag);
					case 2 -> value = text(in, tag);
					default -> in.skipField(tag);
				}
			}
			in.popLimit(limit);
			return "location".equals(key) ? value : null;
		}

		private static String text(CodedInputStream in, int tag) throws IOException {
			expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			int length = in.readRawVarint32();
			if (length < 0 || length > MAX_TEXT) {
				throw malformed("a tensor name or external-data entry is longer than " + MAX_TEXT + " bytes");
			}
			ByteString bytes = ByteString.copyFrom(in.readRawBytes(length));
			if (!bytes.isValidUtf8()) {
				throw malformed("a tensor name or external-data entry is not valid UTF-8");
			}
			return bytes.toStringUtf8();
		}

		private static void nested(CodedInputStream in, int tag, int depth, Body body) throws IOException {
			expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			if (depth > MAX_DEPTH) {
				throw malformed("graphs nest deeper than " + MAX_DEPTH + " levels");
			}
			int limit = in.pushLimit(in.readRawVarint32());
			body.read(in, depth + 1);
			in.popLimit(limit);
		}

		private static void expect(int tag, int wireType) throws IOException {
			if (WireFormat.getTagWireType(tag) != wireType) {
				throw malformed("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
						+ WireFormat.getTagWireType(tag) + ", expected " + wireType);
			}
		}

	}

	@FunctionalInterface
	private interface Body {

		void read(CodedInputStream in, int depth) throws IOException;

	}

}
