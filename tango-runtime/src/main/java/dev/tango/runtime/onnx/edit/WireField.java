package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * One field of a protobuf message as it is encoded: its tag, and for length-delimited
 * fields where its payload starts. Slices share the bytes of the message they come from.
 *
 * @param number the field number
 * @param wireType the wire type ({@link WireFormat})
 * @param encoded the whole encoded field: tag, length if any, payload
 * @param payloadOffset where the payload of a length-delimited field starts in
 * {@code encoded}; for other wire types, where the value starts
 */
public record WireField(int number, int wireType, ByteString encoded, int payloadOffset) {

	/**
	 * Splits a message into its fields, in encoded order, without copying.
	 * @param message the encoded message
	 * @return the fields
	 * @throws IOException if the bytes are not a protobuf message
	 */
	public static List<WireField> split(ByteString message) throws IOException {
		CodedInputStream in = message.newCodedInput();
		in.enableAliasing(true);
		List<WireField> fields = new ArrayList<>();
		int start = 0;
		for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
			int wireType = WireFormat.getTagWireType(tag);
			int payloadOffset = in.getTotalBytesRead() - start;
			if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				int length = in.readRawVarint32();
				payloadOffset = in.getTotalBytesRead() - start;
				in.skipRawBytes(length);
			}
			else {
				in.skipField(tag);
			}
			int end = in.getTotalBytesRead();
			fields.add(new WireField(WireFormat.getTagFieldNumber(tag), wireType, message.substring(start, end),
					payloadOffset));
			start = end;
		}
		return fields;
	}

	/**
	 * Encodes a length-delimited field.
	 * @param number the field number
	 * @param payload the payload
	 * @return the field
	 */
	public static WireField of(int number, ByteString payload) {
		ByteString encoded = encode((coded) -> coded.writeBytes(number, payload));
		return new WireField(number, WireFormat.WIRETYPE_LENGTH_DELIMITED, encoded, encoded.size() - payload.size());
	}

	/**
	 * Encodes a message in memory.
	 * @param fields writes the message's fields
	 * @return the encoded message
	 */
	public static ByteString encode(FieldWriter fields) {
		ByteString.Output out = ByteString.newOutput();
		try {
			CodedOutputStream coded = CodedOutputStream.newInstance(out);
			fields.write(coded);
			coded.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("writing to memory failed", ex);
		}
		return out.toByteString();
	}

	/**
	 * Returns the payload of a length-delimited field.
	 * @return the payload, sharing the field's bytes
	 * @throws IOException if the field is not length-delimited
	 */
	public ByteString payload() throws IOException {
		expect(WireFormat.WIRETYPE_LENGTH_DELIMITED);
		return this.encoded.substring(this.payloadOffset);
	}

	/**
	 * Returns the payload of a length-delimited field as UTF-8 text.
	 * @return the text
	 * @throws IOException if the field is not length-delimited
	 */
	public String text() throws IOException {
		return payload().toStringUtf8();
	}

	/**
	 * Returns the value of a varint field.
	 * @return the value
	 * @throws IOException if the field is not a varint
	 */
	public long varint() throws IOException {
		expect(WireFormat.WIRETYPE_VARINT);
		return this.encoded.substring(this.payloadOffset).newCodedInput().readRawVarint64();
	}

	/**
	 * Returns the value of a {@code float} field (a little-endian fixed32).
	 * @return the value
	 * @throws IOException if the field is not a fixed32
	 */
	public float float32() throws IOException {
		expect(WireFormat.WIRETYPE_FIXED32);
		return Float.intBitsToFloat(this.encoded.substring(this.payloadOffset).newCodedInput().readRawLittleEndian32());
	}

	/**
	 * Reads the values of one occurrence of a repeated integer field ({@code int32},
	 * {@code int64}), packed or not, as 64-bit values.
	 * @param into receives the values, in order
	 * @throws IOException if the field is neither a varint nor a packed list of them
	 */
	public void int64s(LongConsumer into) throws IOException {
		if (this.wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
			CodedInputStream in = payload().newCodedInput();
			while (!in.isAtEnd()) {
				into.accept(in.readInt64());
			}
		}
		else {
			into.accept(varint());
		}
	}

	private void expect(int expected) throws IOException {
		if (this.wireType != expected) {
			throw new OnnxFormatException(
					"field " + this.number + " has wire type " + this.wireType + ", expected " + expected);
		}
	}

	/**
	 * Writes the fields of one message, for {@link #encode(FieldWriter)}.
	 */
	@FunctionalInterface
	public interface FieldWriter {

		/**
		 * Writes the fields.
		 * @param coded the stream, in memory
		 * @throws IOException as the stream's methods declare (writing to memory does not
		 * fail)
		 */
		void write(CodedOutputStream coded) throws IOException;

	}

}
