package dev.tango.runtime.head;

import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * A field of a head file's root object that is streamed rather than read as a tree:
 * missing (or {@code null}), present but not an array, or an array read as {@code T}.
 *
 * @param <T> what the array was read as
 * @param array the array as read, or {@code null} if the field holds no array
 * @param present whether the field holds a value other than {@code null}
 */
record StreamedField<T>(@Nullable T array, boolean present) {

	/**
	 * Returns a field that is missing or {@code null}.
	 * @param <T> what an array would be read as
	 * @return the field
	 */
	static <T> StreamedField<T> missing() {
		return new StreamedField<>(null, false);
	}

	/**
	 * Returns a field that holds something other than an array.
	 * @param <T> what an array would be read as
	 * @return the field
	 */
	static <T> StreamedField<T> notAnArray() {
		return new StreamedField<>(null, true);
	}

	/**
	 * Returns a field that holds an array.
	 * @param <T> what the array was read as
	 * @param array the array as read
	 * @return the field
	 */
	static <T> StreamedField<T> of(T array) {
		return new StreamedField<>(array, true);
	}

	/**
	 * Returns the array, as {@link JsonObject#array} would require it.
	 * @param root the root object, for messages
	 * @param field the field's name
	 * @return the array as read
	 * @throws JsonFormatException if the field is missing or not an array
	 */
	T require(JsonObject root, String field) throws JsonFormatException {
		if (this.array == null) {
			throw root.error(field, this.present ? "expected an array" : "required");
		}
		return this.array;
	}

}
