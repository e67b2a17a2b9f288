package dev.tango.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.onnx.UnsafeModelException.Reason;

/**
 * Reads the shape an ONNX model declares for one of its graph outputs, without creating a
 * session, so that a model can be checked against what is registered about it (such as a
 * classifier's number of labels). Stateless and thread-safe.
 */
public final class OnnxOutputs {

	/** A dimension the model leaves open (symbolic or absent). */
	public static final long UNKNOWN = -1;

	private OnnxOutputs() {
	}

	/**
	 * Returns the declared shape of a graph output.
	 * @param model the {@code .onnx} file
	 * @param output the output's name
	 * @return its dimensions ({@link #UNKNOWN} where open), or empty if the model has no
	 * such output or declares no shape for it
	 * @throws UnsafeModelException ({@link Reason#MALFORMED_MODEL}) if the file is not an
	 * ONNX protobuf
	 * @throws IOException if the file cannot be read
	 */
	public static Optional<long[]> declaredShape(Path model, String output) throws IOException {
		long size = Files.size(model);
		if (size == 0 || size > Integer.MAX_VALUE) {
			throw malformed("its size is " + size + " bytes");
		}
		try (InputStream stream = Files.newInputStream(model)) {
			CodedInputStream in = CodedInputStream.newInstance(stream, 8192);
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (WireFormat.getTagFieldNumber(tag) == 7) {
					enterLimit(in, tag);
					return graphOutput(in, output);
				}
				in.skipField(tag);
			}
			return Optional.empty();
		}
		catch (InvalidProtocolBufferException ex) {
			throw malformed(ex.getMessage());
		}
	}

	private static Optional<long[]> graphOutput(CodedInputStream in, String output) throws IOException {
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) == 12) {
				int limit = enterLimit(in, tag);
				String name = null;
				Optional<long[]> shape = Optional.empty();
				for (int field = in.readTag(); field != 0; field = in.readTag()) {
					switch (WireFormat.getTagFieldNumber(field)) {
						case 1 -> name = in.readStringRequireUtf8();
						case 2 -> shape = tensorShape(in, field);
						default -> in.skipField(field);
					}
				}
				in.popLimit(limit);
				if (output.equals(name)) {
					return shape;
				}
			}
			else {
				in.skipField(tag);
			}
		}
		return Optional.empty();
	}

	/** Reads {@code TypeProto.tensor_type.shape}, if there is one. */
	private static Optional<long[]> tensorShape(CodedInputStream in, int typeTag) throws IOException {
		int typeLimit = enterLimit(in, typeTag);
		Optional<long[]> shape = Optional.empty();
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) != 1) {
				in.skipField(tag);
				continue;
			}
			int tensorLimit = enterLimit(in, tag);
			for (int field = in.readTag(); field != 0; field = in.readTag()) {
				if (WireFormat.getTagFieldNumber(field) == 2) {
					shape = Optional.of(dims(in, field));
				}
				else {
					in.skipField(field);
				}
			}
			in.popLimit(tensorLimit);
		}
		in.popLimit(typeLimit);
		return shape;
	}

	private static long[] dims(CodedInputStream in, int shapeTag) throws IOException {
		int shapeLimit = enterLimit(in, shapeTag);
		List<Long> dims = new ArrayList<>();
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			if (WireFormat.getTagFieldNumber(tag) != 1) {
				in.skipField(tag);
				continue;
			}
			int dimLimit = enterLimit(in, tag);
			long value = UNKNOWN;
			for (int field = in.readTag(); field != 0; field = in.readTag()) {
				if (WireFormat.getTagFieldNumber(field) == 1 && WireFormat.getTagWireType(field) == 0) {
					value = in.readInt64();
				}
				else {
					in.skipField(field);
				}
			}
			in.popLimit(dimLimit);
			dims.add((value > 0) ? value : UNKNOWN);
		}
		in.popLimit(shapeLimit);
		return dims.stream().mapToLong(Long::longValue).toArray();
	}

	private static int enterLimit(CodedInputStream in, int tag) throws IOException {
		if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
			throw malformed("field " + WireFormat.getTagFieldNumber(tag) + " is not a message");
		}
		return in.pushLimit(in.readRawVarint32());
	}

	private static UnsafeModelException malformed(String detail) {
		return new UnsafeModelException(Reason.MALFORMED_MODEL, null, "the model cannot be read: " + detail);
	}

}
