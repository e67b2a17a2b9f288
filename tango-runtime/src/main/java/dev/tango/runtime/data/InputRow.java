package dev.tango.runtime.data;

import java.util.Objects;

import dev.tango.core.tier.TextInput;
import org.jspecify.annotations.Nullable;

/**
 * One row to classify, as {@link TextRowReader} reads it: its input and, optionally, an
 * identifier from a column of the file.
 *
 * @param number the row's number in the file, from 1 (the header is not a row)
 * @param line the line of the file where the row starts (1-based)
 * @param input the text, or pair of texts
 * @param id the value of the file's identifier column, or {@code null} without one
 */
public record InputRow(long number, long line, TextInput input, @Nullable String id) {

	public InputRow {
		Objects.requireNonNull(input, "input");
	}

}
