package dev.tango.runtime.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading Tango's JSON files: errors name the file and the field, and a document larger
 * than any of them is refused as it is read.
 */
class JsonObjectTest {

	@Test
	void errorsNameTheSourceAndTheField() throws IOException {
		JsonObject root = JsonObject.parse(utf8("{\"tiers\": [{\"name\": 3}]}"), "cascade.json");

		assertThatExceptionOfType(JsonFormatException.class)
			.isThrownBy(() -> root.objects("tiers").get(0).string("name"))
			.withMessageContaining("cascade.json")
			.withMessageContaining("name");
	}

	@Test
	void refusesADocumentLargerThanItsFilesAsItReadsIt() {
		InputStream huge = new SequenceInputStream(utf8("{\"a\": 1"), new Spaces(JsonObject.MAX_DOCUMENT_BYTES));

		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> JsonObject.parse(huge, "head.json"))
			.withMessageContaining("head.json: not valid JSON")
			.withMessageContaining(Long.toString(JsonObject.MAX_DOCUMENT_BYTES));
	}

	@Test
	void aSyntaxErrorSaysWhatAndWhereWithoutTheReadersSourceDescription() {
		assertThatExceptionOfType(JsonFormatException.class)
			.isThrownBy(() -> JsonObject.parse(utf8("{\"tiers\": [\n  {\"name\": \"a\"\n]}"), "cascade.json"))
			.withMessage("cascade.json: not valid JSON: Unexpected close marker ']': expected '}' (line 3, column 1)");
		assertThatExceptionOfType(JsonFormatException.class)
			.isThrownBy(() -> JsonObject.parse(utf8("{\"format\": 1"), "cascade.json"))
			.withMessageStartingWith("cascade.json: not valid JSON: Unexpected end-of-input")
			.withMessageNotContaining("Source");
	}

	/** White space, as many bytes as asked for, made as they are read. */
	private static final class Spaces extends InputStream {

		private long left;

		Spaces(long bytes) {
			this.left = bytes;
		}

		@Override
		public int read() {
			return (this.left-- > 0) ? ' ' : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			int n = (int) Math.min(length, this.left);
			if (n <= 0) {
				return -1;
			}
			Arrays.fill(buffer, offset, offset + n, (byte) ' ');
			this.left -= n;
			return n;
		}

	}

	private static InputStream utf8(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

}
