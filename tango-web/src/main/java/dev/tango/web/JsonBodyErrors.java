package dev.tango.web;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The detail of a problem for a JSON request body that could not be read, the same in
 * every service.
 */
public final class JsonBodyErrors {

	private static final Pattern LIMIT_SOURCE = Pattern.compile(", from `[^`]*`");

	/**
	 * Where the reader describes its source in a message: a parenthesis or a line naming
	 * it, to the end.
	 */
	private static final Pattern SOURCE = Pattern.compile("\\s*\\([^()]*\\[Source: .*|\\n at \\[Source.*",
			Pattern.DOTALL);

	private JsonBodyErrors() {
	}

	/**
	 * Describes why a request body could not be read, naming the place in the body.
	 * @param ex what the reader threw
	 * @return {@code The body is not valid JSON (line L, column C): ...} for a syntax
	 * error in a body being parsed, {@code The body holds more than one JSON value...}
	 * for data after the value, {@code Unknown field 'name' at $.path} for a field the
	 * endpoint does not take, {@code Invalid value at $.path: "C" is not one of [A, B]}
	 * (or {@code expected one of [A, B]} for a value that is no string) for a value an
	 * enum does not name,
	 * {@code Missing required field 'name' at $.path: expected a number} (or a whole
	 * number, or true or false) for a left-out field of a primitive type (which has no
	 * value to default to), {@code Invalid value at $.path: expected a number} (or a
	 * whole number, a string, an array, an object...) for a value of the wrong JSON type,
	 * null included (a record, such as the body itself, expects an object unless it is
	 * read by a deserializer of its own), else (a number out of its type's range, say)
	 * {@code Invalid value at
	 * $.path: } and the reader's message (without its source description, or the setting
	 * a limit of the reader comes from)
	 */
	public static String describe(JacksonException ex) {
		String message = plain(ex.getOriginalMessage());
		if (ex instanceof StreamReadException && !(ex instanceof InputCoercionException) && ex.getLocation() != null
				&& ex.getLocation().getLineNr() > 0) {
			return "The body is not valid JSON (line " + ex.getLocation().getLineNr() + ", column "
					+ ex.getLocation().getColumnNr() + "): " + message;
		}
		if (message.startsWith("Trailing token") && ex.getLocation() != null) {
			return "The body holds more than one JSON value: more follows the first (line "
					+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
		}
		StringBuilder path = new StringBuilder("$");
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append('.').append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + unknown.getPropertyName() + "' at " + path;
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
				&& mismatch.getTargetType().isEnum()) {
			String names = Arrays.toString(mismatch.getTargetType().getEnumConstants());
			return (ex instanceof InvalidFormatException invalid && invalid.getValue() instanceof String given)
					? "Invalid value at " + path + ": \"" + given + "\" is not one of " + names
					: "Invalid value at " + path + ": expected one of " + names;
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
				&& describesItsType(mismatch.getTargetType())) {
			String expected = expected(mismatch.getTargetType());
			String missing = missingField(mismatch);
			if (missing != null) {
				return "Missing required field '" + missing + "' at " + path + ": expected " + expected;
			}
			return "Invalid value at " + path + ": expected " + expected;
		}
		return "Invalid value at " + path + ": " + message;
	}

	/**
	 * Whether what is expected of a type follows from the type: yes for library types and
	 * for records read as Jackson reads records (from an object), no for the project's
	 * other types (an enum's message lists its values) and for types read by a
	 * deserializer of their own (its message says what it accepts).
	 */
	private static boolean describesItsType(Class<?> type) {
		if (type.isAnnotationPresent(JsonDeserialize.class)) {
			return false;
		}
		return type.isRecord() || !type.getName().startsWith("dev.tango.");
	}

	/**
	 * Returns the field left out, if the reader failed for want of it: a field of a
	 * primitive type that the object left out is read as null, which a primitive refuses,
	 * once the reader has reached the object's end; a null given as the value fails at
	 * that value instead.
	 */
	private static @Nullable String missingField(MismatchedInputException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		if (!ex.getTargetType().isPrimitive() || ex.getCurrentToken() != JsonToken.END_OBJECT || path.isEmpty()) {
			return null;
		}
		return path.get(path.size() - 1).getPropertyName();
	}

	private static String expected(Class<?> type) {
		if (CharSequence.class.isAssignableFrom(type)) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == int.class || type == long.class || type == short.class || type == Integer.class
				|| type == Long.class || type == Short.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	/**
	 * Drops the parser's source description, which names no part of the request, and the
	 * setting a limit comes from ({@code , from `StreamReadConstraints...`}), which names
	 * the reader's internals.
	 */
	private static String plain(String message) {
		return LIMIT_SOURCE.matcher(SOURCE.matcher(message).replaceFirst("")).replaceAll("");
	}

}
