package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WireFieldTest {

	@Test
	void readsFloatsAndIntegersPackedOrNot() throws IOException {
		ByteString message = WireField.encode((coded) -> {
			coded.writeFloat(1, -2.5f);
			coded.writeInt64(2, 7);
			coded.writeInt64(2, -3);
		});
		ByteString packed = WireField.encode((coded) -> {
			coded.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			coded.writeUInt32NoTag(
					CodedOutputStream.computeInt64SizeNoTag(40) + CodedOutputStream.computeInt64SizeNoTag(-1));
			coded.writeInt64NoTag(40);
			coded.writeInt64NoTag(-1);
		});
		List<WireField> fields = WireField.split(message);
		assertThat(fields.get(0).float32()).isEqualTo(-2.5f);
		List<Long> integers = new ArrayList<>();
		fields.get(1).int64s(integers::add);
		fields.get(2).int64s(integers::add);
		WireField.split(packed).get(0).int64s(integers::add);
		assertThat(integers).containsExactly(7L, -3L, 40L, -1L);
	}

	@Test
	void refusesAFloatThatIsNotAFixed32() throws IOException {
		WireField integer = WireField.split(WireField.encode((coded) -> coded.writeInt64(1, 5))).get(0);
		assertThatExceptionOfType(OnnxFormatException.class).isThrownBy(integer::float32)
			.withMessageContaining("field 1 has wire type 0, expected 5");
	}

}
