package dev.tango.runtime.head;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading head files as a stream: large heads read back what a tree of the same file
 * holds, fields may come in any order, and every refusal names the file and the field,
 * the first problem in the format's order of fields as when heads were read as trees.
 */
class HeadStreamingTest {

	/** The fields of a small valid encoder head, in the writer's order. */
	private static final Map<String, String> VALID = fields("format", "\"tango-linear-head\"", "version", "1", "kind",
			"\"encoder-linear\"", "labels", "[ \"a\", \"b\", \"c\" ]", "dimension", "2", "encoder",
			"{ \"id\" : \"all-minilm-l6-v2-q\", "
					+ "\"onnxSha256\" : \"afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1\", "
					+ "\"pooling\" : \"mean\", \"normalize\" : true, \"maxTokens\" : 256, \"dimension\" : 2 }",
			"bias", "[ 0.5, -0.5, 0 ]", "weights", "[ [ 1, 2 ], [ 3.5, 4 ], [ 5, -6e-3 ] ]");

	@Test
	void aLexicalHeadOfMillionsOfWeightsReadsBackAsItsTreeHoldsIt() throws IOException {
		HeadFile head = LargeHeads.lexicalHead(3, 20);

		HeadFile read = assertReadsBackAsItsTreeHoldsIt(head);

		assertThat(read.lexical()).isEqualTo(head.lexical());
	}

	@Test
	void anEncoderHeadOfMillionsOfNumbersReadsBackAsItsTreeHoldsIt() throws IOException {
		HeadFile head = LargeHeads.encoderHead(250, 4096);

		HeadFile read = assertReadsBackAsItsTreeHoldsIt(head);

		assertThat(read.encoder()).isEqualTo(head.encoder());
	}

	@Test
	void numbersRoundAsTheirTreeNodesRoundThem() throws IOException {
		// integers beyond float precision and beyond long, a decimal that rounds twice
		// through double, a subnormal, an underflow, negative zeros
		String row = "[ 16777217, 123456789012345678901, 1.000000059604644775390626, 7.006492321624085e-46, "
				+ "1e-50, -0, -0.0, 3.4028235e38 ]";
		Map<String, String> fields = with(VALID, "dimension", "8");
		fields = with(fields, "encoder", VALID.get("encoder").replace("\"dimension\" : 2", "\"dimension\" : 8"));
		byte[] json = utf8(json(with(fields, "weights", "[ " + row + ", " + row + ", " + row + " ]")));

		float[][] weights = read(json).head().weights();

		assertThat(weights).isDeepEqualTo(TreeReading.weights(json));
		assertThat(weights[0][2]).isEqualTo(1.0f);
		assertThat(weights[0][6]).isEqualTo(-0.0f);
	}

	@Test
	void fieldsMayComeInAnyOrder() throws IOException {
		Map<String, String> reordered = new LinkedHashMap<>();
		reordered.put("weights", VALID.get("weights"));
		reordered.put("bias", VALID.get("bias"));
		reordered.putAll(VALID);

		LinearHead head = read(utf8(json(reordered))).head();

		assertThat(head.weights()).isDeepEqualTo(new float[][] { { 1, 2 }, { 3.5f, 4 }, { 5, -6e-3f } });
		assertThat(head.bias()).containsExactly(0.5f, -0.5f, 0f);
	}

	@Test
	void aFieldGivenTwiceKeepsItsLastValue() throws IOException {
		String json = json(VALID);
		String twice = json.replace("\"bias\" :", "\"weights\" : \"not these\", \"bias\" : [ 7, 8, 9 ], \"bias\" :")
			.replace("\n}", ",\n\"bias\" : [ 1, 2, 3 ]\n}");

		LinearHead head = read(utf8(twice)).head();

		assertThat(head.weights()[2]).containsExactly(5, -6e-3f);
		assertThat(head.bias()).containsExactly(1, 2, 3);
	}

	@Test
	void unknownFieldsAreSkipped() throws IOException {
		String notes = "{ \"weights\" : [ [ \"x\" ] ], \"bias\" : null, \"deep\" : [ [ [ { } ] ] ] }";

		LinearHead head = read(utf8(json(with(VALID, "notes", notes)))).head();

		assertThat(head.bias()).containsExactly(0.5f, -0.5f, 0f);
	}

	@Test
	void aNumberOutsideTheFloatRangeIsRefusedWithItsPath() {
		assertRefused(with(VALID, "bias", "[ 0, 3.4028236e38, 0 ]"), "mem.json: $.bias[1]: must be a finite float");
		assertRefused(with(VALID, "bias", "[ 1" + "0".repeat(40) + ", 0, 0 ]"),
				"mem.json: $.bias[0]: must be a finite float");
		assertRefused(with(VALID, "weights", "[ [ 1, 2 ], [ 3, 1e999 ], [ 5, 6 ] ]"),
				"mem.json: $.weights[1][1]: must be a finite float");
	}

	@Test
	void aBase64RowIsRefusedNamingTheCharacterAtFault() throws IOException {
		HeadFile head = LargeHeads.lexicalHead(1, 13);
		String json = new String(write(head), StandardCharsets.UTF_8);
		int row = json.indexOf("\"weights\" : [ \"") + "\"weights\" : [ \"".length();

		assertRefused(json.substring(0, row + 8) + "#" + json.substring(row + 8),
				"mem.json: $.weights[0]: invalid base64: Illegal character '#' (code 0x23) in base64 content");
		assertThat(read(utf8(json.substring(0, row + 8) + " " + json.substring(row + 8))).head())
			.as("white space within base64 is passed over, as MIME base64 has it")
			.usingRecursiveComparison()
			.isEqualTo(head.head());
		assertRefused(json.substring(0, row) + json.substring(row + 4),
				"mem.json: $.weights[0]: expected 8192 float32 values, found 32765 bytes");
		byte[] infinity = new byte[4 * 8192];
		ByteBuffer.wrap(infinity).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 100, Float.POSITIVE_INFINITY);
		String infinite = json.substring(0, row) + Base64.getEncoder().encodeToString(infinity)
				+ json.substring(json.indexOf('"', row));
		assertRefused(infinite, "mem.json: $.weights[0]: holds a non-finite value");
	}

	@Test
	void problemsAreReportedInTheFormatsOrderOfFields() {
		Map<String, String> badRow = with(VALID, "weights", "[ [ 1, 2 ], [ 3, \"x\" ], [ 5, 6 ] ]");
		assertRefused(with(badRow, "format", "\"other\""), "mem.json: $.format: expected 'tango-linear-head'");
		assertRefused(with(badRow, "labels", "[ \"a\", 2, \"c\" ]"), "mem.json: $.labels[1]: expected a string");
		assertRefused(with(badRow, "bias", "[ \"x\" ]"), "mem.json: $.weights[1][1]: expected a number");
		assertRefused(with(with(VALID, "weights", "[ [ 1, 2 ], [ 3, 4 ] ]"), "bias", "[ \"x\" ]"),
				"mem.json: $.weights: expected 3 rows (one per label), found 2");
		assertRefused(with(VALID, "weights", "[ [ 1, \"x\", 3 ], [ 3, 4 ], [ 5, 6 ] ]"),
				"mem.json: $.weights[0]: expected 2 values, found 3");
		assertThatExceptionOfType(JsonFormatException.class)
			.isThrownBy(() -> read(utf8(json(badRow).replace("\"encoder\" :", "\"encoder\" ::"))))
			.withMessageStartingWith("mem.json: not valid JSON: ");
	}

	@Test
	void aRowThatIsNotBase64EndsTheReadingThereNamingTheRow() {
		for (String row : List.of("#AAA", "A", "AAAAA", "AA=A")) {
			assertRefused(with(VALID, "weights", "[ [ 1, 2 ], \"" + row + "\", [ 5, 6 ] ]"),
					"mem.json: $.weights[1]: invalid base64: ");
		}
	}

	@Test
	void aMissingOrMistypedArrayIsRefused() {
		assertRefused(with(VALID, "weights", "null"), "mem.json: $.weights: required");
		assertRefused(with(VALID, "weights", "{ }"), "mem.json: $.weights: expected an array");
		assertRefused(with(VALID, "bias", "\"AAAA\""), "mem.json: $.bias: expected an array");
		assertRefused(with(VALID, "weights", "[ [ 1, 2 ], null, [ 5, 6 ] ]"),
				"mem.json: $.weights[1]: expected an array of numbers or a base64 string");
		Map<String, String> noBias = new LinkedHashMap<>(VALID);
		noBias.remove("bias");
		assertRefused(noBias, "mem.json: $.bias: required");
	}

	@Test
	void theDocumentIsOneObject() {
		String json = json(VALID);
		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> read(utf8("[ " + json + " ]")))
			.withMessage("mem.json: expected a JSON object");
		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> read(utf8("")))
			.withMessage("mem.json: expected a JSON object");
		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> read(utf8(json + " { }")))
			.withMessageStartingWith("mem.json: not valid JSON: Trailing token");
	}

	@Test
	void aDocumentOverTheSizeLimitIsRefusedAsItIsStreamed() {
		InputStream huge = new SequenceInputStream(new ByteArrayInputStream(utf8("{ \"weights\" : [ [ 1.0, ")),
				new Repeated(" ", JsonObject.MAX_DOCUMENT_BYTES));

		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> HeadFiles.read(huge, "head.json"))
			.withMessageStartingWith("head.json: not valid JSON: ")
			.withMessageContaining(Long.toString(JsonObject.MAX_DOCUMENT_BYTES));
	}

	@Test
	void aDocumentOverTheTokenLimitIsRefused() {
		InputStream many = new SequenceInputStream(new ByteArrayInputStream(utf8("{ \"notes\" : [ ")),
				new Repeated("0,", JsonObject.MAX_TOKENS));

		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> HeadFiles.read(many, "head.json"))
			.withMessageStartingWith("head.json: not valid JSON: ")
			.withMessageContaining(Long.toString(JsonObject.MAX_TOKENS));
	}

	@Test
	void theStreamIsLeftOpen() throws IOException {
		boolean[] closed = { false };
		InputStream in = new ByteArrayInputStream(utf8(json(VALID))) {

			@Override
			public void close() {
				closed[0] = true;
			}

		};

		HeadFiles.read(in, "mem.json");

		assertThat(closed[0]).isFalse();
	}

	@Test
	void theBundledHeadsAreWrittenBackByteForByte() throws IOException {
		for (String resource : List.of("tango/cascades/sst2-frozen/sst2-lexical.head.json",
				"tango/cascades/sst2-frozen/sst2-bge-small.head.json",
				"tango/cascades/sst2-sentiment/bge-sst2-int8.delta.head.json",
				"dev/tango/runtime/testsupport/sst2-minilm-l6-q.head.json")) {
			byte[] bytes;
			try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
				assertThat(in).as(resource).isNotNull();
				bytes = in.readAllBytes();
			}
			assertThat(write(read(bytes))).as(resource).isEqualTo(bytes);
		}
	}

	private static void assertRefused(Map<String, String> fields, String message) {
		assertRefused(json(fields), message);
	}

	private static void assertRefused(String json, String message) {
		assertThatExceptionOfType(JsonFormatException.class).isThrownBy(() -> read(utf8(json)))
			.withMessageStartingWith(message);
	}

	private static Map<String, String> fields(String... namesAndValues) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	private static Map<String, String> with(Map<String, String> fields, String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(fields);
		changed.put(name, value);
		return changed;
	}

	private static String json(Map<String, String> fields) {
		StringJoiner json = new StringJoiner(",\n", "{\n", "\n}");
		fields.forEach((name, value) -> json.add("\"" + name + "\" : " + value));
		return json.toString();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Writes a head, reads it back streamed and asserts that its weights and bias are the
	 * head's and those its JSON tree holds.
	 * @return the head read back
	 */
	private static HeadFile assertReadsBackAsItsTreeHoldsIt(HeadFile head) throws IOException {
		byte[] json = write(head);
		HeadFile read = read(json);
		assertThat(read.head().weights()).isDeepEqualTo(head.head().weights()).isDeepEqualTo(TreeReading.weights(json));
		assertThat(read.head().bias()).isEqualTo(head.head().bias()).isEqualTo(TreeReading.bias(json));
		return read;
	}

	private static HeadFile read(byte[] json) throws IOException {
		return HeadFiles.read(new ByteArrayInputStream(json), "mem.json");
	}

	private static byte[] write(HeadFile head) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		HeadFiles.write(head, out);
		return out.toByteArray();
	}

	/**
	 * The weights and bias of a head file as a tree of it holds them, read the way heads
	 * were read before they were streamed: each number through its node's
	 * {@code floatValue()}, each base64 row decoded by {@link Base64#getDecoder()}.
	 */
	private static final class TreeReading {

		static float[][] weights(byte[] json) throws IOException {
			List<JsonNode> rows = JsonObject.parse(new ByteArrayInputStream(json), "tree").array("weights");
			float[][] weights = new float[rows.size()][];
			for (int c = 0; c < weights.length; c++) {
				JsonNode row = rows.get(c);
				weights[c] = row.isString() ? decode(row.asString()) : floats(row);
			}
			return weights;
		}

		static float[] bias(byte[] json) throws IOException {
			return floats(JsonObject.parse(new ByteArrayInputStream(json), "tree").node().get("bias"));
		}

		private static float[] floats(JsonNode array) {
			float[] values = new float[array.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = array.get(i).floatValue();
			}
			return values;
		}

		private static float[] decode(String base64) {
			FloatBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64))
				.order(ByteOrder.LITTLE_ENDIAN)
				.asFloatBuffer();
			float[] values = new float[buffer.remaining()];
			buffer.get(values);
			return values;
		}

	}

	/** A text repeated to make a long stream, made as it is read. */
	private static final class Repeated extends InputStream {

		private final byte[] block;

		private long left;

		private int position;

		Repeated(String unit, long times) {
			byte[] bytes = unit.getBytes(StandardCharsets.US_ASCII);
			this.block = new byte[bytes.length * 8192];
			for (int i = 0; i < this.block.length; i++) {
				this.block[i] = bytes[i % bytes.length];
			}
			this.left = times * bytes.length;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == 1) ? one[0] : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			int n = (int) Math.min(Math.min(length, this.left), this.block.length - this.position);
			if (n <= 0) {
				return (length == 0) ? 0 : -1;
			}
			System.arraycopy(this.block, this.position, buffer, offset, n);
			this.position = (this.position + n) % this.block.length;
			this.left -= n;
			return n;
		}

	}

}
