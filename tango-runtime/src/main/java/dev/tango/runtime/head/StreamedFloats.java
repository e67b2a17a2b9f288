package dev.tango.runtime.head;

import java.io.OutputStream;
import java.util.Objects;

import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * A JSON value of a head file read where floats are expected, straight from the parser
 * into a float array, never as a tree: an array of numbers, a base64 string of
 * little-endian float32 values (a weight row), or something else. What is wrong with it
 * is kept rather than thrown, and judged by {@link #row} or {@link #numbers} once the
 * whole document has been read: the problem reported is then the first in the order in
 * which {@link HeadReader} judges the fields, whatever its place in the file, and only if
 * the document is valid JSON; except a string that is not base64, which ends the reading
 * at once ({@link InvalidBase64}: the parser may have read past its end). A value found
 * wrong keeps no floats. Used once, by one thread.
 */
final class StreamedFloats {

	/**
	 * The base64 that head files hold: the standard alphabet without line feeds, as
	 * {@link java.util.Base64#getEncoder()} writes it; padding accepted but not required,
	 * as {@link java.util.Base64#getDecoder()} reads it.
	 */
	private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

	private enum Form {

		NUMBERS, BASE64, OTHER

	}

	private final Form form;

	/** The elements of an array, or the decoded bytes of a base64 string. */
	private final long count;

	private final float @Nullable [] values;

	/** The first thing wrong: with an element of an array, or with the base64 text. */
	private final @Nullable String problem;

	/** For an array, the index of the element {@link #problem} is about. */
	private final int problemIndex;

	/** Whether base64 text decodes to a non-finite float. */
	private final boolean nonFinite;

	private StreamedFloats(Form form, long count, float @Nullable [] values, @Nullable String problem, int problemIndex,
			boolean nonFinite) {
		this.form = form;
		this.count = count;
		this.values = values;
		this.problem = problem;
		this.problemIndex = problemIndex;
		this.nonFinite = nonFinite;
	}

	/**
	 * Reads a weight row: an array of numbers, a base64 string, or any other value
	 * (skipped, to be refused by {@link #row}).
	 * @param parser the parser, at the value's first token; left at its last
	 * @param expected the number of floats the file announces, or 0 if not known: only a
	 * hint for allocation
	 * @return the row
	 * @throws JacksonException if the document is not valid JSON or breaks a limit
	 */
	static StreamedFloats row(JsonParser parser, int expected) throws JacksonException {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_ARRAY) {
			return numbers(parser, expected);
		}
		if (token == JsonToken.VALUE_STRING) {
			return base64(parser, expected);
		}
		parser.skipChildren();
		return new StreamedFloats(Form.OTHER, 0, null, null, -1, false);
	}

	/**
	 * Reads an array of numbers.
	 * @param parser the parser, at the array's start; left at its end
	 * @param expected the number of values the file announces, or 0 if not known: only a
	 * hint for allocation
	 * @return the values
	 * @throws JacksonException if the document is not valid JSON or breaks a limit
	 */
	static StreamedFloats numbers(JsonParser parser, int expected) throws JacksonException {
		FloatSink sink = new FloatSink(expected);
		String problem = null;
		int problemIndex = -1;
		int count = 0;
		for (JsonToken token = parser.nextToken(); token != null
				&& token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (problem == null) {
				if (token.isNumeric()) {
					float value = floatValue(parser, token);
					if (Float.isFinite(value)) {
						sink.add(value);
					}
					else {
						problem = "must be a finite float";
					}
				}
				else {
					problem = "expected a number";
				}
				problemIndex = (problem != null) ? count : -1;
			}
			parser.skipChildren();
			count++;
		}
		return new StreamedFloats(Form.NUMBERS, count, (problem == null) ? sink.toArray() : null, problem, problemIndex,
				false);
	}

	/**
	 * Reads a base64 row.
	 * @throws InvalidBase64 if it is not base64: the parser may have read past the
	 * string's end, so the document is read no further
	 */
	private static StreamedFloats base64(JsonParser parser, int expected) throws JacksonException {
		Float32Bytes floats = new Float32Bytes(expected);
		try {
			parser.readBinaryValue(BASE64, floats);
		}
		catch (StreamReadException ex) {
			throw new InvalidBase64(ex.getOriginalMessage(), ex);
		}
		FloatSink sink = floats.sink;
		float[] values = (sink != null) ? sink.toArray() : null;
		return new StreamedFloats(Form.BASE64, floats.bytes, values, null, -1, floats.nonFinite);
	}

	/**
	 * A number as a float, rounded as Jackson's tree nodes round it: a number with a
	 * fraction or exponent through {@code double}, an integer from its exact value.
	 */
	private static float floatValue(JsonParser parser, JsonToken token) throws JacksonException {
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			return (float) parser.getDoubleValue();
		}
		return switch (parser.getNumberType()) {
			case INT -> (float) parser.getIntValue();
			case LONG -> (float) parser.getLongValue();
			default -> parser.getBigIntegerValue().floatValue();
		};
	}

	/**
	 * Returns the floats of a weight row of {@code dimension} values.
	 * @param root the root object, for messages
	 * @param field the row's path under the root, such as {@code weights[1]}
	 * @param dimension the number of values required
	 * @return the values, not copied
	 * @throws JsonFormatException naming the field if the row is not an array of
	 * {@code dimension} finite numbers nor the base64 of {@code dimension} finite float32
	 * values
	 */
	float[] row(JsonObject root, String field, int dimension) throws JsonFormatException {
		return switch (this.form) {
			case NUMBERS -> numbers(root, field, dimension);
			case BASE64 -> {
				if (this.count != 4L * dimension) {
					throw root.error(field,
							"expected " + dimension + " float32 values, found " + this.count + " bytes");
				}
				if (this.nonFinite) {
					throw root.error(field, "holds a non-finite value");
				}
				yield Objects.requireNonNull(this.values);
			}
			case OTHER -> throw root.error(field, "expected an array of numbers or a base64 string");
		};
	}

	/**
	 * Returns the floats of an array of {@code expected} numbers.
	 * @param root the root object, for messages
	 * @param field the array's path under the root, such as {@code bias}
	 * @param expected the number of values required
	 * @return the values, not copied
	 * @throws JsonFormatException naming the field, or the element at fault, if the array
	 * does not hold {@code expected} finite float values
	 */
	float[] numbers(JsonObject root, String field, int expected) throws JsonFormatException {
		if (this.form != Form.NUMBERS) {
			throw new IllegalStateException("Not an array of numbers but " + this.form);
		}
		if (this.count != expected) {
			throw root.error(field, "expected " + expected + " values, found " + this.count);
		}
		if (this.problem != null) {
			throw root.error(field + "[" + this.problemIndex + "]", this.problem);
		}
		return Objects.requireNonNull(this.values);
	}

	/**
	 * Thrown when a row's string is not base64: fatal to the document, whose reader names
	 * the row.
	 */
	static final class InvalidBase64 extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidBase64(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * Receives decoded bytes and makes a float of every four, little-endian, into a sink
	 * until one is not finite.
	 */
	private static final class Float32Bytes extends OutputStream {

		private @Nullable FloatSink sink;

		private long bytes;

		private int word;

		private boolean nonFinite;

		Float32Bytes(int expected) {
			this.sink = new FloatSink(expected);
		}

		@Override
		public void write(int b) {
			this.word |= (b & 0xFF) << (8 * (int) (this.bytes & 3));
			if ((++this.bytes & 3) == 0) {
				float value = Float.intBitsToFloat(this.word);
				this.word = 0;
				if (!Float.isFinite(value)) {
					this.nonFinite = true;
					this.sink = null;
				}
				else if (this.sink != null) {
					this.sink.add(value);
				}
			}
		}

	}

}
